package com.statalog.webhooks.anomaly.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.contracts.KafkaHeaders;
import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * A configuration message older than the state already applied (a republished snapshot relayed
 * after a newer change, or after the deletion) is not applied; a newer one is.
 */
@QuarkusTest
class ConfigVersionsTest {

    private static final String TOPIC = ConfigTopic.TOPIC;

    @Inject
    DataSource dataSource;

    @Test
    void anOlderVersionNeverOverwritesANewerStateNorBringsBackADeletedWebhook() throws Exception {
        UUID account = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        String key = ConfigKey.webhook(id);

        TestKafkaClient.send(TOPIC, key, webhook(id, account, 75), KafkaHeaders.CONFIG_VERSION, "5");
        TestKafkaClient.send(TOPIC, key, webhook(id, account, 20), KafkaHeaders.CONFIG_VERSION, "3");
        TestKafkaClient.send(TOPIC, key, webhook(id, account, 90), KafkaHeaders.CONFIG_VERSION, "6");
        await().atMost(Duration.ofSeconds(20)).until(() -> threshold(id) != null && threshold(id).compareTo(BigDecimal.valueOf(90)) == 0);

        TestKafkaClient.send(TOPIC, key, webhook(id, account, 20), KafkaHeaders.CONFIG_VERSION, "6");
        TestKafkaClient.sendTombstone(TOPIC, key, KafkaHeaders.CONFIG_VERSION, "7");
        TestKafkaClient.send(TOPIC, key, webhook(id, account, 75), KafkaHeaders.CONFIG_VERSION, "5");
        // a marker after them: once it is applied, everything before it has been read
        UUID marker = UUID.randomUUID();
        TestKafkaClient.send(TOPIC, ConfigKey.webhook(marker), webhook(marker, account, 50), KafkaHeaders.CONFIG_VERSION, "0");
        await().atMost(Duration.ofSeconds(20)).until(() -> threshold(marker) != null);

        assertEquals(null, threshold(id), "deleted at version 7: neither the equal nor the older copy came back");
    }

    private static String webhook(UUID id, UUID account, int spike) {
        return ConfigTopic.webhookMessage(new ConfigTopic.Webhook(id, account, null, "https://hooks.example.com/", List.of("traffic.spike"),
                spike, 50, true, "whsec_" + "A".repeat(32)));
    }

    private BigDecimal threshold(UUID webhook) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement query = connection.prepareStatement(
                "SELECT spike_threshold_pct FROM traffic_subscription WHERE webhook_id = ?")) {
            query.setObject(1, webhook);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getBigDecimal(1) : null;
            }
        }
    }
}
