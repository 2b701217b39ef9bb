package com.statalog.webhooks.contracts.config;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * How signing secrets are sealed at rest and on the configuration topic (docs/config-topic.md,
 * "The sealed signing secret"): AES-256-GCM, a random 12-byte nonce before the ciphertext and its
 * 128-bit tag, the webhook id as associated data (a ciphertext moved to another webhook does not
 * open). Keys are {@code id=base64key} entries ({@code STATALOG_SECRET_KEYS}); the first seals,
 * every one opens what names it, so a key is rotated by putting a new one first.
 */
public final class SecretSeal {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String sealingKeyId;

    public SecretSeal(List<String> keyEntries) {
        for (String entry : keyEntries) {
            int separator = entry.indexOf('=');
            if (separator <= 0) {
                throw new IllegalArgumentException("secret key entries must be id=base64key");
            }
            String id = entry.substring(0, separator).trim();
            byte[] key = Base64.getDecoder().decode(entry.substring(separator + 1).trim());
            if (key.length != 32) {
                throw new IllegalArgumentException("secret key " + id + " must be 32 bytes (AES-256)");
            }
            keys.put(id, new SecretKeySpec(key, "AES"));
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one secret key is needed");
        }
        this.sealingKeyId = keys.keySet().iterator().next();
    }

    /** The id of the key that seals: the first one. */
    public String sealingKeyId() {
        return sealingKeyId;
    }

    /** Nonce, ciphertext and tag, sealed with the first key for this webhook. */
    public byte[] seal(UUID webhookId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(sealingKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(webhookId));
            byte[] encrypted = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(NONCE_BYTES + encrypted.length).put(nonce).put(encrypted).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a signing secret", e);
        }
    }

    /** The secret's bytes; fails when the key is unknown or the ciphertext was not sealed for this webhook. */
    public byte[] open(UUID webhookId, String keyId, byte[] sealed) {
        SecretKeySpec key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("no secret key with id " + keyId + " is configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(webhookId));
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the signing secret of webhook " + webhookId, e);
        }
    }

    /** {@link #open} for a secret as it travels on the topic (base64). */
    public byte[] open(UUID webhookId, SealedSecret sealed) {
        return open(webhookId, sealed.keyId(), Base64.getDecoder().decode(sealed.ciphertext()));
    }

    /** {@link #seal} as it travels on the topic. */
    public SealedSecret sealForTopic(UUID webhookId, String secret) {
        return new SealedSecret(sealingKeyId, Base64.getEncoder().encodeToString(seal(webhookId, secret)));
    }

    private static byte[] associatedData(UUID webhookId) {
        return webhookId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
