package com.statalog.webhooks.dispatcher.signing;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/** HMAC-SHA256 for both signature schemes: a Mac per thread, since creating one costs more than signing a small body. */
final class HmacSha256 {

    private static final ThreadLocal<Mac> MAC = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    });

    private HmacSha256() {
    }

    /** This thread's Mac, initialised with {@code key}, ready for update/doFinal. */
    static Mac keyedWith(SecretKey key) {
        Mac mac = MAC.get();
        try {
            mac.init(key);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("not an HMAC key", e);
        }
        return mac;
    }
}
