package com.statalog.webhooks.registry.egress;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The dispatcher's internal routes: it is the only service that connects out, so it owns the egress rules. */
@RegisterRestClient(configKey = "dispatcher")
@Path("/internal/v1")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${statalog.service-token}")
public interface DispatcherClient {

    record UrlCheckRequest(String url) {
    }

    /** {@code error} is one of the design's error kinds ({@code invalid_url}, {@code dns}, {@code blocked_address}). */
    record UrlCheck(boolean allowed, String error, String reason) {
    }

    @POST
    @Path("/url-checks")
    UrlCheck checkUrl(UrlCheckRequest request);

    record SendTestRequest(String url) {
    }

    /** {@code error} is one of the design's error kinds, null when the endpoint answered 2xx. */
    record SendTestResult(Integer statusCode, String error, long durationMs) {
    }

    @POST
    @Path("/send-test")
    SendTestResult sendTest(SendTestRequest request);
}
