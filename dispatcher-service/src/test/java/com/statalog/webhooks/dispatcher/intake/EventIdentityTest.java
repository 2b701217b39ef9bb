package com.statalog.webhooks.dispatcher.intake;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.contracts.KafkaHeaders;
import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.dispatcher.delivery.Delivery;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * An event published again with the same identity (the anomaly service after a crash between
 * Kafka's acknowledgement and its ledger) keeps its delivery id, so receivers can de-duplicate
 * it; records without one are named by their place in the topic.
 */
@QuarkusTest
class EventIdentityTest {

    @Inject
    WebhookDirectory directory;

    @Test
    void theSameEventPublishedTwiceWithItsIdentityKeepsItsDeliveryId() {
        try (Receiver receiver = new Receiver()) {
            TestHook hook = new TestHook(receiver, "/identified", directory);
            String identity = "traffic.spike/" + hook.site + "/2025-04-23";

            TestKafkaClient.send("statalog.events", hook.site, hook.event, KafkaHeaders.EVENT_ID, identity);
            TestKafkaClient.send("statalog.events", hook.site, hook.event, KafkaHeaders.EVENT_ID, identity);
            hook.send();
            hook.send();

            await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(hook.path).size() == 4);
            // delivered concurrently, so in any order: one id twice (the identified event), two others once
            Map<String, Long> ids = receiver.received(hook.path).stream()
                    .collect(Collectors.groupingBy(request -> request.header("X-Statalog-Delivery"), Collectors.counting()));
            String identified = Delivery.idFor(identity, "statalog.events", 0, 0, hook.id);
            assertEquals(3, ids.size(), ids.toString());
            assertEquals(2, ids.get(identified), "one event, one delivery id: " + ids);
        }
    }
}
