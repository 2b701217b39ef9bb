package com.statalog.webhooks.contracts.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class SecretSealTest {

    private static final String OLD = "old=" + Base64.getEncoder().encodeToString(new byte[32]);
    private static final String NEW = "new=" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));

    @Test
    void theFirstKeySealsAndEveryKeyOpensWhatNamesIt() {
        UUID webhook = UUID.randomUUID();
        SecretSeal before = new SecretSeal(List.of(OLD));
        SecretSeal rotated = new SecretSeal(List.of(NEW, OLD));
        byte[] sealedBefore = before.seal(webhook, "whsec_abc");

        assertEquals("new", rotated.sealingKeyId());
        assertArrayEquals("whsec_abc".getBytes(StandardCharsets.UTF_8), rotated.open(webhook, "old", sealedBefore));
        SealedSecret onTheTopic = rotated.sealForTopic(webhook, "whsec_def");
        assertEquals("new", onTheTopic.keyId());
        assertArrayEquals("whsec_def".getBytes(StandardCharsets.UTF_8), rotated.open(webhook, onTheTopic));
        assertThrows(IllegalStateException.class, () -> before.open(webhook, onTheTopic), "the old ring lacks the new key");
    }

    @Test
    void aCiphertextMovedToAnotherWebhookDoesNotOpen() {
        SecretSeal seal = new SecretSeal(List.of(NEW));
        byte[] sealed = seal.seal(UUID.randomUUID(), "whsec_abc");

        assertThrows(IllegalStateException.class, () -> seal.open(UUID.randomUUID(), "new", sealed));
    }

    @Test
    void keysMustBeNamedAndAes256() {
        assertThrows(IllegalArgumentException.class, () -> new SecretSeal(List.of("=" + NEW.substring(4))));
        assertThrows(IllegalArgumentException.class, () -> new SecretSeal(List.of("short=" + Base64.getEncoder().encodeToString(new byte[16]))));
        assertThrows(IllegalArgumentException.class, () -> new SecretSeal(List.of()));
    }
}
