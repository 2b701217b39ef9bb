package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * A dead endpoint's backlog does not stay in memory: once its attempts would wait longer than the
 * first retry delay, the next ones wait in the retry topic instead, so it cannot take the pending
 * deliveries another endpoint needs — and nothing deferred is lost: when the endpoint answers
 * again, every delivery reaches it.
 */
@QuarkusTest
@TestProfile(EndpointBacklogTest.SmallBacklog.class)
class EndpointBacklogTest {

    public static class SmallBacklog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // 30 pending deliveries in all: if the dead endpoint kept its backlog in memory, it would hold them all
            return Map.of("statalog.delivery.max-pending", "30");
        }
    }

    private static final String SECRET = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";

    @Inject
    WebhookDirectory directory;

    @Inject
    MeterRegistry meters;

    @Test
    void aDeadEndpointDefersItsBacklogAndNeitherStallsTheOthersNorLosesADelivery() {
        UUID account = UUID.randomUUID();
        String site = "ST-" + UUID.randomUUID().toString().substring(0, 8);
        ConfigTopic.site(site, account);
        try (Receiver dead = new Receiver(); Receiver healthy = new Receiver()) {
            dead.hang("/dead", 3_000); // past the 2 s %test deadline
            UUID deadHook = webhook(account, site, dead.url("/dead"));
            UUID healthyHook = webhook(account, site, healthy.url("/healthy"));
            await().atMost(Duration.ofSeconds(20)).until(() -> directory.webhook(deadHook) != null && directory.webhook(healthyHook) != null);

            for (int i = 0; i < 60; i++) {
                TestKafkaClient.send("statalog.events", site, TestEvents.goal(site));
            }

            await().atMost(Duration.ofSeconds(20)).until(() -> healthy.received("/healthy").size() == 60);
            assertTrue(meters.counter("statalog.deliveries.deferred").count() > 0, "the dead endpoint's backlog was deferred");

            dead.hang("/dead", 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> distinctDeliveries(dead.received("/dead")) == 60);
        }
    }

    private static long distinctDeliveries(List<Receiver.Received> requests) {
        return requests.stream().map(request -> request.header("X-Statalog-Delivery")).collect(Collectors.toSet()).size();
    }

    private static UUID webhook(UUID account, String site, String url) {
        UUID id = UUID.randomUUID();
        ConfigTopic.webhook(new ConfigTopic.Webhook(id, account, site, url, List.of("goal.converted"), 50, 50, true, SECRET));
        return id;
    }
}
