package com.statalog.webhooks.dispatcher.delivery;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletionStage;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.contracts.internal.SendTestRequest;
import com.statalog.webhooks.contracts.internal.SendTestResult;
import com.statalog.webhooks.dispatcher.auth.ServiceAuthentication;

/**
 * Send Test for the registry: POSTs {@code {"event":"test"}}, unsigned as the spec says, through the
 * same guarded client as real deliveries, and answers what happened. The endpoint's failure is the
 * answer's content, not an error of this call.
 */
@Path("/internal/v1/send-test")
@Tag(name = "Internal (service token)")
@RolesAllowed(ServiceAuthentication.SERVICE)
public class SendTestResource {

    static final byte[] TEST_BODY = "{\"event\":\"test\"}".getBytes(StandardCharsets.UTF_8);

    private final GuardedHttpClient http;
    private final String userAgent;

    SendTestResource(GuardedHttpClient http, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.http = http;
        this.userAgent = "Statalog-Webhooks/" + version;
    }

    @POST
    @Operation(operationId = "sendTestDelivery", summary = "Send a test delivery and wait for the verdict")
    public CompletionStage<SendTestResult> send(SendTestRequest request) {
        if (request == null || request.url() == null) {
            throw new BadRequestException("url is required");
        }
        return http.post(request.url(), Map.of("Content-Type", "application/json", "User-Agent", userAgent,
                "X-Statalog-Event", "test"), TEST_BODY)
                .thenApply(outcome -> new SendTestResult(outcome.statusCode(), outcome.error(), outcome.durationMs()));
    }
}
