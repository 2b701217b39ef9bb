package com.statalog.webhooks.registry.delivery;

import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.registry.webhook.PageCursor;

/**
 * Reads the delivery log the API shows: a webhook's deliveries newest first, a page at a time
 * (keyset: the cursor is the last row's creation time and id), with their attempts. One fixed
 * statement, an index range scan of the table's key in each day partition from the cursor on (the
 * newest day first, stopping at the page's end); an absent filter is a NULL parameter, no cursor
 * is a cursor after every row.
 */
@ApplicationScoped
public class DeliveryHistory {

    /** A delivery as the log lists it; {@code replays} counts the replays asked for. */
    public record DeliveryRow(String id, String event, String status, boolean test, Instant createdAt, int replays,
            List<DeliveryView.Attempt> attempts) {
    }

    /** What a page of the list shows: all filters optional (null). */
    public record Filter(String status, String event, PageCursor after) {
    }

    private static final String ONE = """
            SELECT id, event, status, test, created_at, replay, site_id, attempts, body FROM delivery
            WHERE id = ? AND webhook_id = ? AND account_id = ?
            """;
    /** Per hour since a time: deliveries that ended delivered, and dropped (Send Tests aside). */
    private static final String HOURLY = """
            SELECT date_trunc('hour', created_at, 'UTC') AS hour, count(*) FILTER (WHERE status = 'delivered') AS delivered,
                   count(*) FILTER (WHERE status = 'dropped') AS dropped
            FROM delivery WHERE webhook_id = ? AND account_id = ? AND created_at >= ? AND NOT test
              AND status IN ('delivered', 'dropped')
            GROUP BY 1 ORDER BY 1
            """;
    private static final String PAGE = """
            SELECT id, event, status, test, created_at, replay, attempts FROM delivery
            WHERE webhook_id = ? AND account_id = ? AND (created_at, id) < (?, ?)
              AND (CAST(? AS text) IS NULL OR status = ?)
              AND (CAST(? AS text) IS NULL OR event = ?)
            ORDER BY created_at DESC, id DESC LIMIT ?
            """;
    /** After every row: later than any time PostgreSQL stores, so the cursor condition holds for all. */
    private static final PageCursor BEFORE_ALL = new PageCursor(Instant.parse("9999-12-31T00:00:00Z"),
            new UUID(-1L, -1L));
    private static final Comparator<DeliveryDetail.Attempt> SERIES_ORDER = Comparator.comparingInt(DeliveryDetail.Attempt::replay)
            .thenComparingInt(DeliveryDetail.Attempt::attempt);
    private static final TypeReference<List<DeliveryDetail.Attempt>> ATTEMPT_DETAILS = new TypeReference<>() {
    };

    private final EntityManager entityManager;
    private final ObjectMapper json;

    DeliveryHistory(EntityManager entityManager, ObjectMapper json) {
        this.entityManager = entityManager;
        this.json = json;
    }

    /** Up to {@code limit} deliveries of the webhook matching the filter, newest first, each with its attempts in order. */
    public List<DeliveryRow> page(UUID webhookId, UUID accountId, Filter filter, int limit) {
        PageCursor after = filter.after() == null ? BEFORE_ALL : filter.after();
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement page = connection.prepareStatement(PAGE)) {
                page.setObject(1, webhookId);
                page.setObject(2, accountId);
                page.setObject(3, after.createdAt().atOffset(ZoneOffset.UTC));
                page.setObject(4, after.id());
                bindTwice(page, 5, filter.status());
                bindTwice(page, 7, filter.event());
                page.setInt(9, limit);
                List<DeliveryRow> rows = new ArrayList<>();
                try (ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        rows.add(new DeliveryRow(result.getString("id"), result.getString("event"), result.getString("status"),
                                result.getBoolean("test"), result.getObject("created_at", OffsetDateTime.class).toInstant(),
                                result.getInt("replay"), attempts(result.getString("attempts")).stream()
                                        .map(DeliveryDetail.Attempt::summary).toList()));
                    }
                }
                return rows;
            }
        });
    }

    /** The delivery of the webhook with that id, opened; empty when the account has none such. */
    public Optional<DeliveryDetail> one(UUID webhookId, UUID accountId, UUID deliveryId) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement one = connection.prepareStatement(ONE)) {
                one.setObject(1, deliveryId);
                one.setObject(2, webhookId);
                one.setObject(3, accountId);
                try (ResultSet result = one.executeQuery()) {
                    if (!result.next()) {
                        return Optional.empty();
                    }
                    byte[] body = result.getBytes("body");
                    List<DeliveryDetail.Attempt> attempts = attempts(result.getString("attempts"));
                    return Optional.of(new DeliveryDetail(result.getString("id"), result.getString("event"), result.getString("status"),
                            result.getBoolean("test"), result.getInt("replay"),
                            result.getObject("created_at", OffsetDateTime.class).toInstant(), result.getString("site_id"),
                            body == null ? null : new String(body, StandardCharsets.UTF_8), attempts));
                }
            }
        });
    }

    /** A webhook's ended deliveries per hour since {@code since}, hours without any left out, oldest first. */
    public List<DeliveryStats.Hour> hourly(UUID webhookId, UUID accountId, Instant since) {
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement hourly = connection.prepareStatement(HOURLY)) {
                hourly.setObject(1, webhookId);
                hourly.setObject(2, accountId);
                hourly.setObject(3, since.atOffset(ZoneOffset.UTC));
                List<DeliveryStats.Hour> hours = new ArrayList<>();
                try (ResultSet result = hourly.executeQuery()) {
                    while (result.next()) {
                        hours.add(new DeliveryStats.Hour(result.getObject("hour", OffsetDateTime.class).toInstant(),
                                result.getLong("delivered"), result.getLong("dropped")));
                    }
                }
                return hours;
            }
        });
    }

    private List<DeliveryDetail.Attempt> attempts(String stored) {
        try {
            List<DeliveryDetail.Attempt> attempts = new ArrayList<>(json.readValue(stored, ATTEMPT_DETAILS));
            attempts.sort(SERIES_ORDER);
            return attempts;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a delivery's stored attempts are unreadable", e);
        }
    }

    /** Binds an optional filter's value to its two places: the NULL test and the comparison. */
    private static void bindTwice(PreparedStatement statement, int first, String value) throws SQLException {
        statement.setObject(first, value, Types.VARCHAR);
        statement.setObject(first + 1, value, Types.VARCHAR);
    }
}
