package com.statalog.webhooks.registry.signing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.registry.RegistryConfig;

/**
 * Encrypts signing secrets at rest and on the configuration topic: AES-256-GCM, a random 12-byte
 * nonce before the ciphertext, the webhook id as associated data (a ciphertext moved to another
 * webhook does not decrypt). Keys come from {@code statalog.secret-keys} ({@code id=base64key,...});
 * the first one encrypts. The dispatcher, which holds the same keys, decrypts with the key the id
 * names, so a key is rotated by putting a new one first. The format is a contract: docs/config-topic.md.
 */
@ApplicationScoped
public class SecretCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    public record Sealed(String keyId, byte[] ciphertext) {
    }

    private final Map<String, SecretKeySpec> keys = new LinkedHashMap<>();
    private final String activeKeyId;

    SecretCipher(RegistryConfig config) {
        for (String entry : config.secretKeys()) {
            int separator = entry.indexOf('=');
            if (separator <= 0) {
                throw new IllegalArgumentException("statalog.secret-keys entries must be id=base64key");
            }
            byte[] key = Base64.getDecoder().decode(entry.substring(separator + 1).trim());
            if (key.length != 32) {
                throw new IllegalArgumentException("secret key " + entry.substring(0, separator) + " must be 32 bytes (AES-256)");
            }
            keys.put(entry.substring(0, separator).trim(), new SecretKeySpec(key, "AES"));
        }
        this.activeKeyId = keys.keySet().iterator().next();
    }

    public Sealed seal(UUID webhookId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(webhookId));
            byte[] encrypted = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(activeKeyId, ByteBuffer.allocate(NONCE_BYTES + encrypted.length).put(nonce).put(encrypted).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a signing secret", e);
        }
    }

    private static byte[] associatedData(UUID webhookId) {
        return webhookId.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
