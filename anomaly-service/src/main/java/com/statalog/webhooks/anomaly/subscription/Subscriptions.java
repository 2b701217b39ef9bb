package com.statalog.webhooks.anomaly.subscription;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.ApplyGuard;

import com.statalog.webhooks.anomaly.DatabaseWrites;
import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.contracts.config.ConfigMessages;
import com.statalog.webhooks.contracts.config.WebhookState;

/**
 * The traffic subscriptions in this service's database: which account owns each site, and every
 * enabled webhook that wants traffic.spike or traffic.drop with its thresholds.
 */
@ApplicationScoped
public class Subscriptions {

    private final DataSource dataSource;

    Subscriptions(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Applies the message unless a version at least as new is already applied (docs/config-topic.md),
     * in one transaction with the version it records; a message without a version is applied.
     */
    @ApplyGuard(DatabaseWrites.UNTIL_DONE)
    public void applyIfNewer(String key, Long version, String value) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                if (version == null || recordNewer(connection, key, version)) {
                    apply(connection, key, value);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    private static boolean recordNewer(Connection connection, String key, long version) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement("""
                INSERT INTO config_version (message_key, version) VALUES (?, ?)
                ON CONFLICT (message_key) DO UPDATE SET version = EXCLUDED.version WHERE config_version.version < EXCLUDED.version
                RETURNING 1""")) {
            upsert.setString(1, key);
            upsert.setLong(2, version);
            try (var applied = upsert.executeQuery()) {
                return applied.next();
            }
        }
    }

    private static final List<String> FORGET_SITE = List.of(
            "DELETE FROM site_account WHERE site_id = ?",
            "DELETE FROM site_day_visitor WHERE site_id = ?",
            "DELETE FROM daily_visitors WHERE site_id = ?",
            "DELETE FROM anomaly_ledger WHERE site_id = ?");

    /**
     * A removed site: its owner, its visitors, its daily totals and what was published of them. Its
     * id may be added to another account later, whose evaluations must not average the first's days.
     * Pageviews of it that still arrive are counted again, for whoever owns it next.
     */
    private static void forgetSite(Connection connection, String siteId) throws SQLException {
        for (String delete : FORGET_SITE) {
            execute(connection, delete, siteId);
        }
    }

    private void apply(Connection connection, String key, String value) throws SQLException {
        Optional<ConfigKey> entity = ConfigKey.parse(key);
        if (entity.isEmpty()) {
            return;
        }
        if (entity.get() instanceof ConfigKey.Site site) {
            if (value == null) {
                forgetSite(connection, site.siteId());
                return;
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO site_account (site_id, account_id) VALUES (?, ?)
                    ON CONFLICT (site_id) DO UPDATE SET account_id = EXCLUDED.account_id""")) {
                upsert.setString(1, site.siteId());
                upsert.setObject(2, ConfigMessages.readSite(value).accountId());
                upsert.executeUpdate();
            }
        } else if (entity.get() instanceof ConfigKey.Webhook entry) {
            WebhookState webhook = value == null ? null : ConfigMessages.readWebhook(value);
            boolean spike = webhook != null && webhook.events().contains(EventType.TRAFFIC_SPIKE.wireName());
            boolean drop = webhook != null && webhook.events().contains(EventType.TRAFFIC_DROP.wireName());
            if (webhook == null || !webhook.enabled() || !(spike || drop)) {
                execute(connection, "DELETE FROM traffic_subscription WHERE webhook_id = ?", entry.id());
                return;
            }
            try (PreparedStatement upsert = connection.prepareStatement("""
                    INSERT INTO traffic_subscription
                        (webhook_id, account_id, site_id, spike, drop, spike_threshold_pct, drop_threshold_pct)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (webhook_id) DO UPDATE SET account_id = EXCLUDED.account_id, site_id = EXCLUDED.site_id,
                        spike = EXCLUDED.spike, drop = EXCLUDED.drop, spike_threshold_pct = EXCLUDED.spike_threshold_pct,
                        drop_threshold_pct = EXCLUDED.drop_threshold_pct""")) {
                upsert.setObject(1, entry.id());
                upsert.setObject(2, webhook.accountId());
                upsert.setString(3, webhook.siteId());
                upsert.setBoolean(4, spike);
                upsert.setBoolean(5, drop);
                upsert.setBigDecimal(6, BigDecimal.valueOf(webhook.spikeThresholdPct()));
                upsert.setBigDecimal(7, BigDecimal.valueOf(webhook.dropThresholdPct()));
                upsert.executeUpdate();
            }
        }
    }

    private static void execute(Connection connection, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            statement.executeUpdate();
        }
    }
}
