package com.statalog.webhooks.registry.dispatcher;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.annotation.ClientHeaderParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.statalog.webhooks.contracts.internal.SendTestRequest;
import com.statalog.webhooks.contracts.internal.SendTestResult;
import com.statalog.webhooks.contracts.internal.UrlCheck;
import com.statalog.webhooks.contracts.internal.UrlCheckRequest;

/** The dispatcher's internal routes: it is the only service that connects out, so it owns the egress rules. */
@RegisterRestClient(configKey = "dispatcher")
@Path("/internal/v1")
@ClientHeaderParam(name = "Authorization", value = "Bearer ${statalog.service-token}")
public interface DispatcherClient {

    @POST
    @Path("/url-checks")
    UrlCheck checkUrl(UrlCheckRequest request);

    @POST
    @Path("/send-test")
    SendTestResult sendTest(SendTestRequest request);
}
