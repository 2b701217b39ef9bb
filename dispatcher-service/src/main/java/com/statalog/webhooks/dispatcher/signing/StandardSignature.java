package com.statalog.webhooks.dispatcher.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Standard Webhooks (standardwebhooks.com) headers: {@code webhook-id}, {@code webhook-timestamp}
 * (Unix seconds) and {@code webhook-signature}: {@code v1,} and the base64 HMAC-SHA256 of
 * {@code id.timestamp.body}, one per key, space-separated (after a rotation: the new secret's,
 * then the old one's while it is still honoured).
 */
public final class StandardSignature {

    public static final String ID = "webhook-id";
    public static final String TIMESTAMP = "webhook-timestamp";
    public static final String SIGNATURE = "webhook-signature";

    private StandardSignature() {
    }

    public static String of(List<SecretKey> keys, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner signatures = new StringJoiner(" ");
        for (SecretKey key : keys) {
            Mac mac = HmacSha256.keyedWith(key);
            mac.update(prefix);
            signatures.add("v1," + Base64.getEncoder().encodeToString(mac.doFinal(body)));
        }
        return signatures.toString();
    }
}
