package com.statalog.webhooks.registry.delivery;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;

import com.statalog.webhooks.registry.webhook.PageCursor;

/**
 * Reads the delivery log the API shows: a webhook's deliveries newest first, a page at a time
 * (keyset: the cursor is the last row's creation time and id), and their attempts. One fixed
 * statement each; an absent filter is a NULL parameter.
 */
@ApplicationScoped
public class DeliveryHistory {

    /** A delivery as the log lists it; {@code replays} counts the replays asked for. */
    public record DeliveryRow(String id, String event, String status, boolean test, Instant createdAt, int replays) {
    }

    /** What a page of the list shows: all filters optional (null). */
    public record Filter(String status, String event, PageCursor after) {
    }

    private static final String PAGE = """
            SELECT id, event, status, test, created_at, replay FROM delivery
            WHERE webhook_id = ? AND account_id = ?
              AND (CAST(? AS text) IS NULL OR status = ?)
              AND (CAST(? AS text) IS NULL OR event = ?)
              AND (CAST(? AS timestamptz) IS NULL OR (created_at, id) < (?, ?))
            ORDER BY created_at DESC, id DESC LIMIT ?
            """;
    private static final String ATTEMPTS = """
            SELECT delivery_id, replay, attempt, at, status_code, error, duration_ms, response_excerpt
            FROM delivery_attempt WHERE delivery_id = ANY (?) ORDER BY delivery_id, replay, attempt
            """;

    private final EntityManager entityManager;

    DeliveryHistory(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Up to {@code limit} deliveries of the webhook matching the filter, newest first. */
    public List<DeliveryRow> page(UUID webhookId, UUID accountId, Filter filter, int limit) {
        OffsetDateTime afterAt = filter.after() == null ? null : filter.after().createdAt().atOffset(ZoneOffset.UTC);
        String afterId = filter.after() == null ? null : filter.after().id().toString();
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement page = connection.prepareStatement(PAGE)) {
                page.setObject(1, webhookId);
                page.setObject(2, accountId);
                bindTwice(page, 3, filter.status(), Types.VARCHAR);
                bindTwice(page, 5, filter.event(), Types.VARCHAR);
                bindTwice(page, 7, afterAt, Types.TIMESTAMP_WITH_TIMEZONE);
                page.setObject(9, afterId, Types.VARCHAR);
                page.setInt(10, limit);
                List<DeliveryRow> rows = new ArrayList<>();
                try (ResultSet result = page.executeQuery()) {
                    while (result.next()) {
                        rows.add(new DeliveryRow(result.getString("id"), result.getString("event"), result.getString("status"),
                                result.getBoolean("test"), instant(result, "created_at"), result.getInt("replay")));
                    }
                }
                return rows;
            }
        });
    }

    /** The attempts of these deliveries, by delivery, each delivery's in ascending (replay, attempt). */
    public Map<String, List<DeliveryView.Attempt>> attemptsOf(List<String> deliveryIds) {
        if (deliveryIds.isEmpty()) {
            return Map.of();
        }
        return entityManager.unwrap(Session.class).doReturningWork(connection -> {
            try (PreparedStatement attempts = connection.prepareStatement(ATTEMPTS)) {
                attempts.setArray(1, connection.createArrayOf("text", deliveryIds.toArray()));
                Map<String, List<DeliveryView.Attempt>> byDelivery = new HashMap<>();
                try (ResultSet result = attempts.executeQuery()) {
                    while (result.next()) {
                        byDelivery.computeIfAbsent(result.getString("delivery_id"), id -> new ArrayList<>()).add(new DeliveryView.Attempt(
                                result.getInt("replay"), result.getInt("attempt"), instant(result, "at"),
                                result.getObject("status_code", Integer.class), result.getString("error"), result.getLong("duration_ms"),
                                result.getString("response_excerpt")));
                    }
                }
                return byDelivery;
            }
        });
    }

    /** Binds an optional filter's value to its two places: the NULL test and the comparison. */
    private static void bindTwice(PreparedStatement statement, int first, Object value, int sqlType) throws SQLException {
        statement.setObject(first, value, sqlType);
        statement.setObject(first + 1, value, sqlType);
    }

    private static Instant instant(ResultSet result, String column) throws SQLException {
        return result.getObject(column, OffsetDateTime.class).toInstant();
    }
}
