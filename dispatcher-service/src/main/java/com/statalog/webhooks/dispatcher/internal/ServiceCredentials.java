package com.statalog.webhooks.dispatcher.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.dispatcher.DispatcherConfig;

/**
 * Knows the service token. A normal-scoped bean, so that the REST filter (built at static init,
 * before runtime configuration exists) reaches the configuration only on its first request.
 */
@ApplicationScoped
public class ServiceCredentials {

    private static final String PREFIX = "Bearer ";

    private final byte[] expected;

    ServiceCredentials(DispatcherConfig config) {
        this.expected = config.serviceToken().getBytes(StandardCharsets.UTF_8);
    }

    /** Whether an Authorization header carries the service token; constant time in the token. */
    public boolean accepts(String authorizationHeader) {
        boolean bearer = authorizationHeader != null
                && authorizationHeader.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
        byte[] presented = bearer
                ? authorizationHeader.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8)
                : new byte[0];
        return MessageDigest.isEqual(expected, presented);
    }
}
