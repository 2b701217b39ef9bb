package com.statalog.webhooks.registry.outbox;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.testkit.KafkaBroker;
import com.statalog.webhooks.testkit.PostgresTestResource;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * The registry's Kafka is unreachable when a webhook is saved: the change waits in the outbox and
 * is published when Kafka is back.
 */
@QuarkusTest
@TestProfile(OutboxKafkaOutageTest.KafkaDown.class)
class OutboxKafkaOutageTest {

    /** The registry's own broker, behind a line the test can cut. */
    static KafkaBroker broker;

    public static class KafkaDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (broker == null) {
                broker = KafkaBroker.startBehindProxy();
            }
            broker.cutNetwork();
            return Map.of("kafka.bootstrap.servers", broker.bootstrapServers(),
                    // fail a send quickly while nothing listens, so the relay retries every round
                    "mp.messaging.outgoing.webhook-config.max.block.ms", "1000",
                    "mp.messaging.outgoing.webhook-config.request.timeout.ms", "1000",
                    "mp.messaging.outgoing.webhook-config.delivery.timeout.ms", "2000");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(DispatcherTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class, Map.of("database", "registry_test")));
        }
    }

    @Inject
    EntityManager entityManager;

    @Test
    void aChangeMadeWhileKafkaIsUnreachableIsPublishedWhenItIsBack() {
        Tenant tenant = Api.newTenant();
        String id = tenant.createWebhook("during the outage");
        String key = ConfigKey.webhook(UUID.fromString(id));

        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> waiting(key) > 0);

        broker.restoreNetwork();
        await().atMost(Duration.ofSeconds(60)).until(() -> waiting(key) == 0);
        TestKafkaClient.readUntil(broker.bootstrapServers(), "statalog.webhook-config",
                record -> key.equals(record.key()), Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private long waiting(String key) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("messageKey", key));
    }
}
