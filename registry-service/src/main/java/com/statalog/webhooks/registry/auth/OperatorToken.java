package com.statalog.webhooks.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;

import com.statalog.webhooks.registry.RegistryConfig;

/** Checks the operator's bearer token, in constant time. */
@ApplicationScoped
public class OperatorToken {

    private final byte[] expected;

    OperatorToken(RegistryConfig config) {
        this.expected = config.operatorToken().getBytes(StandardCharsets.UTF_8);
    }

    public void require(HttpHeaders headers) {
        String presented = BearerToken.of(headers);
        if (presented == null || !MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.UTF_8))) {
            throw new NotAuthorizedException("Bearer");
        }
    }
}
