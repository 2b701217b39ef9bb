package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * The unit of isolation is the webhook, not the host: two accounts' webhooks on one receiver
 * (same host and port, different paths), one of them hanging with a backlog, and the other's
 * deliveries arrive as fast as when it was alone. Before, both shared the host's 8 slots: the
 * healthy one waited behind the hanging backlog, or was deferred to the retry topic with it.
 */
@QuarkusTest
class SharedHostIsolationTest {

    private static final int QUEUED = 48;

    @Inject
    WebhookDirectory directory;

    @Test
    void aHangingWebhookOnTheSameHostDoesNotDelayAnotherAccountsWebhook() {
        try (Receiver receiver = new Receiver()) {
            TestHook hanging = new TestHook(receiver, "/account-a/hangs", directory);
            TestHook healthy = new TestHook(receiver, "/account-b/answers", directory);
            receiver.hang(hanging.path, 3_000); // past the 2 s %test deadline
            deliverySeconds(receiver, healthy, 1); // the first in this JVM pays for loading the Kafka producer's classes
            double alone = deliverySeconds(receiver, healthy, 2);

            TestKafkaClient.sendAll("statalog.events", hanging.site, Collections.nCopies(QUEUED, hanging.event));
            await().atMost(Duration.ofSeconds(20)).until(() -> receiver.received(hanging.path).size() >= 8);
            double beside = deliverySeconds(receiver, healthy, 3);

            System.out.printf("shared host isolation: delivered in %.3f s alone, %.3f s beside the hanging backlog%n", alone, beside);
            assertTrue(beside < 1.0, "delivered in " + beside + " s beside the hanging backlog, " + alone + " s alone");
            long hangingReached = receiver.distinctDeliveries(hanging.path);
            assertTrue(hangingReached < QUEUED, "the hanging webhook still had a backlog: " + hangingReached + " reached");
            // its backlog is cancelled rather than left to the tests after this one
            hanging.publish(receiver.url(hanging.path), false, TestHook.SECRET);
            receiver.hang(hanging.path, 0);
        }
    }

    /** Publishes the hook's event and answers the seconds until its {@code nth} request arrived. */
    private static double deliverySeconds(Receiver receiver, TestHook hook, int nth) {
        long sent = System.nanoTime();
        hook.send();
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(hook.path).size() >= nth);
        return (receiver.received(hook.path).get(nth - 1).atNanos() - sent) / 1e9;
    }
}
