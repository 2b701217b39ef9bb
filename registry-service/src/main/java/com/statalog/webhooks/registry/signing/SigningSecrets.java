package com.statalog.webhooks.registry.signing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * New signing secrets: {@code whsec_} + base64 of 32 random bytes from a CSPRNG. Receivers use the
 * whole string's UTF-8 bytes as the HMAC key of {@code X-Statalog-Signature}, as the spec's
 * verifiers do.
 */
public final class SigningSecrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private SigningSecrets() {
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }
}
