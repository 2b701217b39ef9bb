package com.statalog.webhooks.dispatcher.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.contracts.config.PreviousSecret;
import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.Receiver;

/**
 * A rotated-out secret never stops its webhook: once its grace period is over it is not even
 * opened, and one that cannot be opened (its encryption key removed from the ring, as the key
 * rotation procedure ends) is left out of webhook-signature.
 */
@QuarkusTest
class ReplacedSecretTest {

    static final Receiver RECEIVER = new Receiver().verifyingWith(TestHook.SECRET);

    @Inject
    WebhookDirectory directory;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void anExpiredOrUnopenableReplacedSecretLeavesTheWebhookSignedWithItsSecretOnly() {
        for (Instant until : new Instant[] {Instant.now().plusSeconds(3600), Instant.now().minusSeconds(1)}) {
            String path = "/replaced-until-" + until.getEpochSecond();
            TestHook hook = new TestHook(RECEIVER.url(path), TestHook.SECRET, directory,
                    new ConfigTopic.Extra(null, new PreviousSecret("removed-key", "AAAA", until)));
            hook.send();
            await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.received(path).size() == 1);
            Receiver.Received delivered = RECEIVER.received(path).get(0);
            assertTrue(delivered.signatureValid());
            assertEquals(1, delivered.header("webhook-signature").split(" ").length);
        }
    }
}
