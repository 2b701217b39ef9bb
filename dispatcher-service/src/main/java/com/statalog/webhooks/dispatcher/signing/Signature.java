package com.statalog.webhooks.dispatcher.signing;

import java.util.HexFormat;

import javax.crypto.SecretKey;

/** {@code X-Statalog-Signature}: {@code sha256=} and the lower-case hex HMAC-SHA256 of the exact body bytes. */
public final class Signature {

    public static final String HEADER = "X-Statalog-Signature";

    private Signature() {
    }

    public static String of(SecretKey key, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(HmacSha256.keyedWith(key).doFinal(body));
    }
}
