package com.statalog.webhooks.anomaly.subscription;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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
 * A site's tombstone (the registry removed it) makes this service forget everything of the site:
 * its owner, its visitors, its daily totals and its published anomalies; other sites keep theirs.
 */
@QuarkusTest
class SiteRemovalTest {

    private static final List<String> TABLES = List.of("site_account", "site_day_visitor", "daily_visitors", "anomaly_ledger");

    @Inject
    DataSource dataSource;

    @Test
    void aRemovedSiteIsForgottenAndOtherSitesAreNot() throws Exception {
        String removed = "ST-GONE-" + UUID.randomUUID().toString().substring(0, 6);
        String kept = "ST-KEPT-" + UUID.randomUUID().toString().substring(0, 6);
        for (String site : List.of(removed, kept)) {
            TestKafkaClient.send(ConfigTopic.TOPIC, ConfigKey.site(site), ConfigTopic.siteMessage(site, UUID.randomUUID()),
                    KafkaHeaders.CONFIG_VERSION, "2");
            insertTraffic(site);
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> rows("site_account", removed) == 1 && rows("site_account", kept) == 1);

        TestKafkaClient.sendTombstone(ConfigTopic.TOPIC, ConfigKey.site(removed), KafkaHeaders.CONFIG_VERSION, "3");
        await().atMost(Duration.ofSeconds(20)).until(() -> rows("site_account", removed) == 0);

        for (String table : TABLES) {
            assertEquals(0, rows(table, removed), table + " still holds the removed site");
            assertEquals(1, rows(table, kept), table + " lost another site's row");
        }
    }

    private void insertTraffic(String site) throws SQLException {
        Map<String, String> inserts = Map.of(
                "site_day_visitor", "INSERT INTO site_day_visitor (site_id, day, visitor_id) VALUES (?, DATE '2025-04-24', 'anon_1')",
                "daily_visitors", "INSERT INTO daily_visitors (site_id, day, visitors) VALUES (?, DATE '2025-04-24', 1)",
                "anomaly_ledger", "INSERT INTO anomaly_ledger (site_id, day, event_type, visitors_yesterday, visitors_average, change_pct,"
                        + " evaluated_at) VALUES (?, DATE '2025-04-24', 'traffic.spike', 10, 5, 100, now())");
        try (Connection connection = dataSource.getConnection()) {
            for (String insert : inserts.values()) {
                try (PreparedStatement statement = connection.prepareStatement(insert)) {
                    statement.setString(1, site);
                    statement.executeUpdate();
                }
            }
        }
    }

    private long rows(String table, String site) throws SQLException {
        // the table is one of this test's own constants
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE site_id = ?")) {
            query.setString(1, site);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
