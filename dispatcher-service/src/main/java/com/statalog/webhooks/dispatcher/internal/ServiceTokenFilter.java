package com.statalog.webhooks.dispatcher.internal;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

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
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                    .type("application/problem+json")
                    .entity("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                            + "\"detail\":\"a valid service bearer token is required\"}")
                    .build());
        }
    }
}
