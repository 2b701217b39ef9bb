package com.statalog.webhooks.registry.signing;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.contracts.config.SecretSeal;
import com.statalog.webhooks.registry.RegistryConfig;

/**
 * Seals signing secrets at rest and on the configuration topic ({@link SecretSeal}, the format
 * the dispatcher opens) with the key ring {@code statalog.secret-keys}: the first key seals, so
 * a key is rotated by putting a new one first (docs/config-topic.md).
 */
@ApplicationScoped
public class SecretCipher {

    public record Sealed(String keyId, byte[] ciphertext) {
    }

    private final SecretSeal seal;

    SecretCipher(RegistryConfig config) {
        this.seal = new SecretSeal(config.secretKeys());
    }

    public Sealed seal(UUID webhookId, String secret) {
        return new Sealed(seal.sealingKeyId(), seal.seal(webhookId, secret));
    }
}
