package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.ServiceUnavailableException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.statalog.webhooks.contracts.internal.SendTestRequest;
import com.statalog.webhooks.contracts.internal.SendTestResult;
import com.statalog.webhooks.registry.auth.CurrentAccount;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.dispatcher.DispatcherClient;
import com.statalog.webhooks.registry.problem.ProblemMappers;
import com.statalog.webhooks.registry.ratelimit.Take;
import com.statalog.webhooks.registry.ratelimit.TooManyRequests;
import com.statalog.webhooks.registry.webhook.Webhook;

/**
 * Send Test: the dispatcher posts {@code {"event":"test"}}, unsigned, to the webhook's URL and the
 * outcome is answered here, 200 whatever the endpoint did (its failure is the answer's content),
 * and shown in the delivery log as a test. Limited per webhook and per account (429 beyond).
 */
@Path("/api/v1/webhooks/{id}/test")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.ACCOUNT)
@SecurityRequirement(name = Roles.ACCOUNT_API_KEY)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class SendTestResource {

    private final CurrentAccount account;
    private final DispatcherClient dispatcher;
    private final SendTestLimiter limiter;
    private final DeliveryLog log;

    SendTestResource(CurrentAccount account, @RestClient DispatcherClient dispatcher, SendTestLimiter limiter,
            DeliveryLog log) {
        this.account = account;
        this.dispatcher = dispatcher;
        this.limiter = limiter;
        this.log = log;
    }

    @POST
    @APIResponse(responseCode = "200", description = "What the endpoint answered to the test event (a test is not retried)")
    @APIResponse(responseCode = "429", description = "Send Test is limited per webhook and per account; retry after `Retry-After` seconds")
    @APIResponse(responseCode = "503", description = "The registry's database or the dispatcher, which sends the test, is unavailable; retry after `Retry-After` seconds")
    @Operation(operationId = "sendTestDelivery", summary = "Send a test delivery")
    public SendTestResult sendTest(@PathParam("id") String id) {
        UUID accountId = account.id();
        Webhook webhook = Webhook.owned(accountId, id);
        Take take = limiter.take(accountId, webhook.id);
        if (!take.allowed()) {
            throw new WebApplicationException(TooManyRequests.answer(take, "Send Test is limited per webhook and per account"));
        }
        Instant at = Instant.now();
        SendTestResult result;
        try {
            result = dispatcher.sendTest(new SendTestRequest(webhook.url));
        } catch (ProcessingException | WebApplicationException e) {
            throw new ServiceUnavailableException(5L,
                    new IllegalStateException("the dispatcher, which sends the test, cannot be asked right now; retry shortly"));
        }
        log.recordTest(webhook.id, accountId, at, result.statusCode(), result.error(), result.durationMs());
        return result;
    }
}
