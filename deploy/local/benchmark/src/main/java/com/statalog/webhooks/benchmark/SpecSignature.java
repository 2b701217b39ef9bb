package com.statalog.webhooks.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The spec's X-Statalog-Signature value, {@code "sha256=" + hex(HMAC-SHA256(secret, body))}, as
 * the benchmark's dispatcher, receiver and wrk all compute it. The key is the secret string's
 * UTF-8 bytes, as in the spec's receiver examples. A {@link Mac} per thread: each is stateful,
 * and getting one costs more than the signing itself.
 */
final class SpecSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance(ALGORITHM);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    });

    private SpecSignature() {
    }

    static SecretKeySpec key(String secret) {
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    static String of(SecretKeySpec key, byte[] body) {
        Mac mac = MACS.get();
        try {
            mac.init(key);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
