package com.statalog.webhooks.dispatcher.signing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The two HMAC-SHA256 keys one signing secret gives: the spec's {@code X-Statalog-Signature} uses
 * the whole secret string's UTF-8 bytes; Standard Webhooks' {@code webhook-signature} uses the
 * bytes the base64 after {@code whsec_} decodes to, as its reference libraries do. {@code standard}
 * is null for a secret not of that form (none the registry makes).
 */
public record SigningKeys(SecretKey statalog, SecretKey standard) {

    private static final String PREFIX = "whsec_";

    public static SigningKeys of(byte[] secretUtf8) {
        String secret = new String(secretUtf8, StandardCharsets.UTF_8);
        SecretKey standard = null;
        if (secret.startsWith(PREFIX)) {
            try {
                standard = new SecretKeySpec(Base64.getDecoder().decode(secret.substring(PREFIX.length())), "HmacSHA256");
            } catch (IllegalArgumentException notBase64) {
                // signed with the spec's scheme only
            }
        }
        return new SigningKeys(new SecretKeySpec(secretUtf8, "HmacSHA256"), standard);
    }

    @Override
    public String toString() {
        return "SigningKeys[…]";
    }
}
