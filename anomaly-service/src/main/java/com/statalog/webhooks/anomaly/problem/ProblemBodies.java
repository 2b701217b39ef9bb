package com.statalog.webhooks.anomaly.problem;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.UnauthorizedException;

import com.statalog.webhooks.contracts.Problem;
import com.statalog.webhooks.contracts.internal.BearerToken;

/**
 * Every error of the operator API is an RFC 9457 {@link Problem}, the registry's format
 * (docs/registry-api.md): our refusals keep their message as the detail, and the framework's own
 * answers (a method not allowed, an unreadable body, a content type refused) get one too — they
 * came with no body at all (found by GeneratedRequestsTest).
 */
public class ProblemBodies {

    private static final MediaType PROBLEM = MediaType.valueOf(Problem.MEDIA_TYPE);

    @ServerExceptionMapper
    public Response refused(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String message = e.getMessage();
        // the framework's messages ("HTTP 405 Method Not Allowed") say nothing the status does not, and a body that
        // could not be read carries the parser's message, which names classes and quotes the input: neither is shown
        String detail = message == null || message.startsWith("HTTP " + status) || e.getCause() != null ? null : message;
        return Response.fromResponse(e.getResponse()).type(PROBLEM).entity(problem(status, e.getResponse().getStatusInfo().getReasonPhrase(),
                detail)).build();
    }

    /** A call without the operator token (OperatorAuthentication): 401 with the challenge. */
    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, BearerToken.CHALLENGE).type(PROBLEM)
                .entity(problem(401, "Unauthorized", "a valid operator bearer token is required")).build();
    }

    @ServerResponseFilter
    public void everyErrorIsAProblem(ContainerResponseContext response) {
        int status = response.getStatus();
        if (status >= 400 && !PROBLEM.isCompatible(response.getMediaType())) {
            response.setEntity(problem(status, response.getStatusInfo().getReasonPhrase(), null), null, PROBLEM);
        }
    }

    private static Problem problem(int status, String reason, String detail) {
        return Problem.of(status, reason == null || reason.isBlank() ? "Error" : reason,
                detail != null ? detail : "the request was refused (" + status + ")");
    }
}
