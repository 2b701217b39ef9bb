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
                -- the days of the window since the site's first known day, each without a total counting as 0 visitors
                SELECT sb.site_id, w.total, least(?, ?::date - f.first_day) AS days
                FROM subscribed sb
                CROSS JOIN LATERAL (SELECT min(day) AS first_day FROM daily_visitors
                                    WHERE site_id = sb.site_id AND day < ?::date) f
                CROSS JOIN LATERAL (SELECT coalesce(sum(visitors), 0) AS total FROM daily_visitors
                                    WHERE site_id = sb.site_id AND day >= ?::date - ? AND day < ?::date) w
                WHERE f.first_day IS NOT NULL
            ), measured AS (
                -- exact: change_pct = (yesterday x days - total) x 100 / total, rounded once, half away from zero
                SELECT sb.site_id, coalesce(y.visitors, 0) AS yesterday, round(h.total::numeric / h.days, 1) AS average,
                       round((coalesce(y.visitors, 0)::numeric * h.days - h.total) * 100 / h.total, 1) AS change_pct,
                       sb.spike_min, sb.drop_min
                FROM subscribed sb
                JOIN history h USING (site_id)
                LEFT JOIN daily_visitors y ON y.site_id = sb.site_id AND y.day = ?::date
                WHERE h.days >= ? AND h.total > 0
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
            int history = config.anomaly().historyDays();
            statement.setInt(1, history);
            statement.setDate(2, sqlDay);
            statement.setDate(3, sqlDay);
            statement.setDate(4, sqlDay);
            statement.setInt(5, history);
            statement.setDate(6, sqlDay);
            statement.setDate(7, sqlDay);
            statement.setInt(8, config.anomaly().minHistoryDays());
            statement.setDate(9, sqlDay);
            statement.setTimestamp(10, Timestamp.from(evaluatedAt.truncatedTo(ChronoUnit.SECONDS)));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return new Summary(day, row.getInt(1), row.getInt(2));
            }
        }
    }
}
