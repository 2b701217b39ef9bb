package com.statalog.webhooks.dispatcher.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

import com.statalog.webhooks.contracts.Problem;
import com.statalog.webhooks.contracts.internal.BearerToken;

/** Answers 401 unless the request carries the service token. */
@Provider
@InternalOnly
public class ServiceTokenFilter implements ContainerRequestFilter {

    private final ServiceCredentials credentials;

    ServiceTokenFilter(ServiceCredentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!credentials.accepts(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            request.abortWith(Response.status(Response.Status.UNAUTHORIZED)
                    .header(HttpHeaders.WWW_AUTHENTICATE, BearerToken.CHALLENGE)
                    .type(Problem.MEDIA_TYPE)
                    .entity(Problem.of(401, "Unauthorized", "a valid service bearer token is required"))
                    .build());
        }
    }
}
