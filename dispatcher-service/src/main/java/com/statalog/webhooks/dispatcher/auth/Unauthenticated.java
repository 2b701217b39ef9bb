package com.statalog.webhooks.dispatcher.auth;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.UnauthorizedException;

import com.statalog.webhooks.contracts.Problem;
import com.statalog.webhooks.contracts.internal.BearerToken;

/** The answer to a call of an /internal route without the service token: 401, the challenge, and a problem body. */
public class Unauthenticated {

    @ServerExceptionMapper
    public Response refuse(UnauthorizedException e) {
        return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, BearerToken.CHALLENGE).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(401, "Unauthorized", "a valid service bearer token is required")).build();
    }
}
