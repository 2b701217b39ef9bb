package com.statalog.webhooks.contracts.config;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The secret a rotation replaced, sealed alike, still listed in webhook-signature until {@code until}. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PreviousSecret(String keyId, String ciphertext, Instant until) {

    public SealedSecret sealed() {
        return new SealedSecret(keyId, ciphertext);
    }
}
