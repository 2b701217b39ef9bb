package com.statalog.webhooks.anomaly.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.local.TestKafkaClient;

/**
 * A configuration message older than the state already applied (a republished snapshot relayed
 * after a newer change, or after the deletion) is not applied; a newer one is.
 */
@QuarkusTest
class ConfigVersionsTest {

    private static final String TOPIC = "statalog.webhook-config";

    @Inject
    DataSource dataSource;

    @Test
    void anOlderVersionNeverOverwritesANewerStateNorBringsBackADeletedWebhook() throws Exception {
        UUID account = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        String key = "webhook:" + id;

        TestKafkaClient.send(TOPIC, key, webhook(id, account, 75), "statalog-config-version", "5");
        TestKafkaClient.send(TOPIC, key, webhook(id, account, 20), "statalog-config-version", "3");
        TestKafkaClient.send(TOPIC, key, webhook(id, account, 90), "statalog-config-version", "6");
        await().atMost(Duration.ofSeconds(20)).until(() -> threshold(id) != null && threshold(id).compareTo(BigDecimal.valueOf(90)) == 0);

        TestKafkaClient.send(TOPIC, key, webhook(id, account, 20), "statalog-config-version", "6");
        TestKafkaClient.sendTombstone(TOPIC, key, "statalog-config-version", "7");
        TestKafkaClient.send(TOPIC, key, webhook(id, account, 75), "statalog-config-version", "5");
        // a marker after them: once it is applied, everything before it has been read
        UUID marker = UUID.randomUUID();
        TestKafkaClient.send(TOPIC, "webhook:" + marker, webhook(marker, account, 50), "statalog-config-version", "0");
        await().atMost(Duration.ofSeconds(20)).until(() -> threshold(marker) != null);

        assertEquals(null, threshold(id), "deleted at version 7: neither the equal nor the older copy came back");
    }

    private static String webhook(UUID id, UUID account, int spike) {
        return "{\"type\":\"webhook\",\"id\":\"" + id + "\",\"account_id\":\"" + account + "\",\"site_id\":null,"
                + "\"url\":\"https://hooks.example.com/\",\"events\":[\"traffic.spike\"],\"spike_threshold_pct\":" + spike
                + ",\"drop_threshold_pct\":50,\"enabled\":true,\"secret\":{\"key_id\":\"k\",\"ciphertext\":\"AAAA\"}}";
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
