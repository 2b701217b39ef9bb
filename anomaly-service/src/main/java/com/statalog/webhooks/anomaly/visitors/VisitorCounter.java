package com.statalog.webhooks.anomaly.visitors;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.faulttolerance.api.ApplyGuard;

import com.statalog.webhooks.anomaly.DatabaseWrites;

/**
 * Exact distinct visitors per site and UTC day, written a batch at a time in one statement: new
 * (site, day, visitor) rows are inserted, and each day's total grows by the rows that were new, so
 * duplicates and re-delivered records count once. A total imported by an operator is left as it is.
 * Rows are written in key order, so that concurrent batches take their locks in the same order.
 */
@ApplicationScoped
public class VisitorCounter {

    private static final String COUNT_BATCH = """
            WITH input AS (
                SELECT DISTINCT s AS site_id, d::date AS day, v AS visitor_id
                FROM unnest(?::text[], ?::text[], ?::text[]) AS t(s, d, v)
            ), inserted AS (
                INSERT INTO site_day_visitor (site_id, day, visitor_id)
                SELECT site_id, day, visitor_id FROM input ORDER BY site_id, day, visitor_id
                ON CONFLICT DO NOTHING
                RETURNING site_id, day
            )
            INSERT INTO daily_visitors AS totals (site_id, day, visitors)
            SELECT site_id, day, count(*) FROM inserted GROUP BY site_id, day ORDER BY site_id, day
            ON CONFLICT (site_id, day) DO UPDATE SET visitors = totals.visitors + EXCLUDED.visitors
            WHERE NOT totals.imported
            """;

    private static final String DAILY_TOTALS = """
            SELECT day, visitors FROM daily_visitors
            WHERE site_id = ? AND day BETWEEN ? AND ? ORDER BY day
            """;

    private final DataSource dataSource;

    VisitorCounter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts a batch, trying until the database takes it: a pageview read is never lost. */
    @ApplyGuard(DatabaseWrites.UNTIL_DONE)
    public void count(List<Pageview> pageviews) throws SQLException {
        if (pageviews.isEmpty()) {
            return;
        }
        String[] sites = new String[pageviews.size()];
        String[] days = new String[pageviews.size()];
        String[] visitors = new String[pageviews.size()];
        for (int i = 0; i < pageviews.size(); i++) {
            Pageview pageview = pageviews.get(i);
            sites[i] = pageview.siteId();
            days[i] = pageview.day().toString();
            visitors[i] = pageview.visitorId();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(COUNT_BATCH)) {
            statement.setArray(1, connection.createArrayOf("text", sites));
            statement.setArray(2, connection.createArrayOf("text", days));
            statement.setArray(3, connection.createArrayOf("text", visitors));
            statement.executeUpdate();
        }
    }

    public void importTotal(String siteId, LocalDate day, long visitors) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("""
                        INSERT INTO daily_visitors (site_id, day, visitors, imported) VALUES (?, ?, ?, true)
                        ON CONFLICT (site_id, day) DO UPDATE SET visitors = EXCLUDED.visitors, imported = true""")) {
            statement.setString(1, siteId);
            statement.setObject(2, day);
            statement.setLong(3, visitors);
            statement.executeUpdate();
        }
    }

    public List<DailyVisitors> dailyTotals(String siteId, LocalDate from, LocalDate to) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(DAILY_TOTALS)) {
            statement.setString(1, siteId);
            statement.setObject(2, from);
            statement.setObject(3, to);
            List<DailyVisitors> totals = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    totals.add(new DailyVisitors(rows.getObject(1, LocalDate.class), rows.getLong(2)));
                }
            }
            return totals;
        }
    }
}
