package com.statalog.webhooks.anomaly.problem;

import java.util.Locale;
import java.util.Map;

import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every error of the operator API is an RFC 9457 problem (the registry's format, docs/registry-api.md):
 * the framework's own answers (a method not allowed, an unreadable body, an unknown route) came
 * with no body at all (found by GeneratedRequestsTest).
 */
public class ProblemBodyFilter {

    private static final MediaType PROBLEM = MediaType.valueOf("application/problem+json");

    @ServerResponseFilter
    public void everyErrorIsAProblem(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && !PROBLEM.isCompatible(response.getMediaType())) {
            String reason = response.getStatusInfo().getReasonPhrase();
            response.setEntity(Map.of("type", "about:blank", "title", reason, "status", status, "detail", reason.toLowerCase(Locale.ROOT)),
                    null, PROBLEM);
        }
    }
}
