package com.statalog.webhooks.anomaly.evaluation;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.anomaly.AnomalyConfig;

/**
 * Evaluates one day for every site with a traffic subscription, in one statement: yesterday's
 * visitors against the mean of the days before (docs/anomaly.md for the rules), and claims a
 * ledger row per (site, day, event type) whose change crosses at least one subscribed webhook's
 * threshold. A claimed row is never claimed again, by this replica or another: that is what makes
 * the event happen once.
 */
@ApplicationScoped
public class Evaluator {

    public record Summary(LocalDate day, int sitesEvaluated, int eventsClaimed) {
    }

    private static final String EVALUATE = """
            WITH subscribed AS (
                SELECT s.site_id,
                       min(t.spike_threshold_pct) FILTER (WHERE t.spike) AS spike_min,
                       min(t.drop_threshold_pct) FILTER (WHERE t.drop) AS drop_min
                FROM traffic_subscription t
                JOIN site_account s ON t.site_id = s.site_id OR (t.site_id IS NULL AND t.account_id = s.account_id)
                GROUP BY s.site_id
            ), history AS (
                SELECT v.site_id, avg(v.visitors) AS average, count(*) AS days
                FROM daily_visitors v JOIN subscribed USING (site_id)
                WHERE v.day >= ?::date - ? AND v.day < ?::date
                GROUP BY v.site_id
            ), measured AS (
                SELECT sb.site_id, coalesce(y.visitors, 0) AS yesterday, round(h.average, 1) AS average,
                       round((coalesce(y.visitors, 0) - h.average) / h.average * 100, 1) AS change_pct,
                       sb.spike_min, sb.drop_min
                FROM subscribed sb
                JOIN history h USING (site_id)
                LEFT JOIN daily_visitors y ON y.site_id = sb.site_id AND y.day = ?::date
                WHERE h.days >= ? AND h.average > 0
            ), crossed AS (
                SELECT site_id, 'traffic.spike' AS event_type, yesterday, average, change_pct
                FROM measured WHERE change_pct >= spike_min
                UNION ALL
                SELECT site_id, 'traffic.drop', yesterday, average, change_pct
                FROM measured WHERE -change_pct >= drop_min
            ), claimed AS (
                INSERT INTO anomaly_ledger (site_id, day, event_type, visitors_yesterday, visitors_average, change_pct, evaluated_at)
                SELECT site_id, ?::date, event_type, yesterday, average, change_pct, ? FROM crossed
                ON CONFLICT DO NOTHING
                RETURNING 1
            )
            SELECT (SELECT count(*) FROM measured), (SELECT count(*) FROM claimed)
            """;

    private final DataSource dataSource;
    private final AnomalyConfig config;

    Evaluator(DataSource dataSource, AnomalyConfig config) {
        this.dataSource = dataSource;
        this.config = config;
    }

    public Summary evaluate(LocalDate day, Instant evaluatedAt) throws SQLException {
        Date sqlDay = Date.valueOf(day);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(EVALUATE)) {
            statement.setDate(1, sqlDay);
            statement.setInt(2, config.anomaly().historyDays());
            statement.setDate(3, sqlDay);
            statement.setDate(4, sqlDay);
            statement.setInt(5, config.anomaly().minHistoryDays());
            statement.setDate(6, sqlDay);
            statement.setTimestamp(7, Timestamp.from(evaluatedAt.truncatedTo(ChronoUnit.SECONDS)));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Summary(day, row.getInt(1), row.getInt(2));
            }
        }
    }
}
