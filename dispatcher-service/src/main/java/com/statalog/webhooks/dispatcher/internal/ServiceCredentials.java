package com.statalog.webhooks.dispatcher.internal;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.contracts.internal.BearerToken;
import com.statalog.webhooks.dispatcher.DispatcherConfig;

/**
 * Knows the service token. A normal-scoped bean, so that the REST filter (built at static init,
 * before runtime configuration exists) reaches the configuration only on its first request.
 */
@ApplicationScoped
public class ServiceCredentials {

    private final String expected;

    ServiceCredentials(DispatcherConfig config) {
        this.expected = config.serviceToken();
    }

    /** Whether an Authorization header carries the service token; constant time in the token. */
    public boolean accepts(String authorizationHeader) {
        return BearerToken.carries(authorizationHeader, expected);
    }
}
