package com.statalog.webhooks.dispatcher.signing;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** {@code X-Statalog-Signature}: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact body bytes. */
public final class Signature {

    public static final String HEADER = "X-Statalog-Signature";

    /** A Mac per thread: creating one costs more than signing a small body. */
    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    });

    private Signature() {
    }

    public static String of(SecretKey key, byte[] body) {
        Mac mac = MAC.get();
        try {
            mac.init(key);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("not an HMAC key", e);
        }
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    }
}
