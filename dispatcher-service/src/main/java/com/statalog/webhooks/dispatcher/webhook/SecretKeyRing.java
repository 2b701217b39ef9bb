package com.statalog.webhooks.dispatcher.webhook;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.contracts.config.SealedSecret;
import com.statalog.webhooks.contracts.config.SecretSeal;
import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.signing.SigningKeys;

/**
 * Opens the signing secrets that the registry sealed ({@link SecretSeal}, docs/config-topic.md)
 * with the key ring {@code statalog.secret-keys}, which the registry holds too.
 */
@ApplicationScoped
public class SecretKeyRing {

    private final SecretSeal seal;

    SecretKeyRing(DispatcherConfig config) {
        this.seal = new SecretSeal(config.secretKeys());
    }

    /** The keys of the webhook's signing secret (both schemes: {@link SigningKeys}). */
    public SigningKeys signingKeys(UUID webhookId, SealedSecret sealed) {
        return SigningKeys.of(seal.open(webhookId, sealed));
    }
}
