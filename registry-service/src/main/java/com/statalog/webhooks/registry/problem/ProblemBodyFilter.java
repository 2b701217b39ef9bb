package com.statalog.webhooks.registry.problem;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import com.statalog.webhooks.contracts.Problem;

/**
 * The errors the framework answers by itself, before any of our mappers sees an exception (an
 * empty or unreadable body on some routes, found by GeneratedRequestsTest: a 400 in text/plain
 * with no body), get the same JSON problem body as every other error.
 */
public class ProblemBodyFilter {

    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerResponseFilter
    public void everyErrorIsAProblem(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && !(response.getEntity() instanceof Problem)) {
            String reason = response.getStatusInfo().getReasonPhrase();
            String title = reason == null || reason.isBlank() ? "Error" : reason;
            response.setEntity(Problem.of(status, title, "the request was refused (" + status + ")"), null, PROBLEM);
        }
    }
}
