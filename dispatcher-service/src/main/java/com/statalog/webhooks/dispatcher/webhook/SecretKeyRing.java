package com.statalog.webhooks.dispatcher.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.signing.SigningKeys;

/**
 * Opens the signing secrets that the registry sealed (docs/config-topic.md, "The sealed signing
 * secret"): AES-256-GCM, 12-byte nonce first, the webhook id as associated data, the key named by
 * its id in {@code statalog.secret-keys}.
 */
@ApplicationScoped
public class SecretKeyRing {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKeySpec> keys = new HashMap<>();

    SecretKeyRing(DispatcherConfig config) {
        for (String entry : config.secretKeys()) {
            int separator = entry.indexOf('=');
            if (separator <= 0) {
                throw new IllegalArgumentException("statalog.secret-keys entries must be id=base64key");
            }
            keys.put(entry.substring(0, separator).trim(),
                    new SecretKeySpec(Base64.getDecoder().decode(entry.substring(separator + 1).trim()), "AES"));
        }
    }

    /** The keys of the webhook's signing secret (both schemes: {@link SigningKeys}). */
    public SigningKeys signingKeys(UUID webhookId, String keyId, String ciphertextBase64) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no secret key with id " + keyId + " is configured");
        }
        byte[] sealed = Base64.getDecoder().decode(ciphertextBase64);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(webhookId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] secret = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return SigningKeys.of(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the signing secret of webhook " + webhookId, e);
        }
    }
}
