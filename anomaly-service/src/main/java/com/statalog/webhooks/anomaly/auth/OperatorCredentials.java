package com.statalog.webhooks.anomaly.auth;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.anomaly.AnomalyConfig;
import com.statalog.webhooks.contracts.internal.BearerToken;

/**
 * Knows the operator token. A normal-scoped bean, so that the REST filter (built at static init,
 * before runtime configuration exists) reaches the configuration only on its first request.
 */
@ApplicationScoped
public class OperatorCredentials {

    private final String expected;

    OperatorCredentials(AnomalyConfig config) {
        this.expected = config.operatorToken();
    }

    /** Whether an Authorization header carries the operator token; constant time in the token. */
    public boolean accepts(String authorizationHeader) {
        return BearerToken.carries(authorizationHeader, expected);
    }
}
