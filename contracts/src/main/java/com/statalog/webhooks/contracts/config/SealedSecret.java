package com.statalog.webhooks.contracts.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A signing secret as it travels: sealed by {@link SecretSeal} under the key {@code keyId}, base64. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SealedSecret(String keyId, String ciphertext) {
}
