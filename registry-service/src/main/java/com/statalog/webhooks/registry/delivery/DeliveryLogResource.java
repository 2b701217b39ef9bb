package com.statalog.webhooks.registry.delivery;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.registry.auth.CurrentAccount;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.webhook.Page;
import com.statalog.webhooks.registry.webhook.PageCursor;
import com.statalog.webhooks.registry.webhook.Webhook;
import com.statalog.webhooks.registry.webhook.WebhookResource;

/** A webhook's delivery log, newest first, with each delivery's attempts. */
@Path("/api/v1/webhooks/{id}/deliveries")
@Tag(name = "Webhooks (account API key)")
@RolesAllowed(Roles.ACCOUNT)
public class DeliveryLogResource {

    static final Set<String> STATUSES = Set.of("pending", "retrying", "delivered", "dropped", "cancelled");
    static final Set<String> EVENTS = Set.of("goal.converted", "traffic.spike", "traffic.drop", "test");

    private final CurrentAccount account;
    private final EntityManager entityManager;

    DeliveryLogResource(CurrentAccount account, EntityManager entityManager) {
        this.account = account;
        this.entityManager = entityManager;
    }

    @GET
    public Page<DeliveryView> list(@PathParam("id") String id, @QueryParam("status") String status,
            @QueryParam("event") String event, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Webhook webhook = WebhookResource.owned(account.id(), id);
        if (status != null && !STATUSES.contains(status)) {
            throw InvalidFieldException.badRequest("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        if (event != null && !EVENTS.contains(event)) {
            throw InvalidFieldException.badRequest("event", "must be one of " + String.join(", ", EVENTS.stream().sorted().toList()));
        }
        int pageSize = Page.size(limit);
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);

        StringBuilder sql = new StringBuilder(
                "SELECT id, event, status, test, created_at, replay FROM delivery WHERE webhook_id = :webhook AND account_id = :account");
        if (status != null) {
            sql.append(" AND status = :status");
        }
        if (event != null) {
            sql.append(" AND event = :event");
        }
        if (after != null) {
            sql.append(" AND (created_at < :afterAt OR (created_at = :afterAt AND id < :afterId))");
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT :limit");
        Query query = entityManager.createNativeQuery(sql.toString())
                .setParameter("webhook", webhook.id).setParameter("account", webhook.accountId).setParameter("limit", pageSize + 1);
        if (status != null) {
            query.setParameter("status", status);
        }
        if (event != null) {
            query.setParameter("event", event);
        }
        if (after != null) {
            query.setParameter("afterAt", after.createdAt()).setParameter("afterId", after.id().toString());
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = query.getResultList();
        String next = null;
        if (rows.size() > pageSize) {
            rows = rows.subList(0, pageSize);
            Object[] last = rows.get(pageSize - 1);
            next = new PageCursor(instant(last[4]), UUID.fromString((String) last[0])).encode();
        }
        return new Page<>(withAttempts(rows), next);
    }

    private List<DeliveryView> withAttempts(List<Object[]> rows) {
        Map<String, List<DeliveryView.Attempt>> attempts = new HashMap<>();
        if (!rows.isEmpty()) {
            @SuppressWarnings("unchecked")
            List<Object[]> attemptRows = entityManager.createNativeQuery("""
                    SELECT delivery_id, replay, attempt, at, status_code, error, duration_ms, response_excerpt
                    FROM delivery_attempt WHERE delivery_id IN (:ids) ORDER BY delivery_id, replay, attempt
                    """).setParameter("ids", rows.stream().map(row -> (String) row[0]).toList()).getResultList();
            for (Object[] row : attemptRows) {
                attempts.computeIfAbsent((String) row[0], key -> new ArrayList<>()).add(new DeliveryView.Attempt(
                        ((Number) row[1]).intValue(), ((Number) row[2]).intValue(), instant(row[3]),
                        row[4] == null ? null : ((Number) row[4]).intValue(), (String) row[5], ((Number) row[6]).longValue(),
                        (String) row[7]));
            }
        }
        Map<String, DeliveryView> views = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String id = (String) row[0];
            views.put(id, new DeliveryView(id, (String) row[1], (String) row[2], (Boolean) row[3], ((Number) row[5]).intValue(),
                    instant(row[4]), attempts.getOrDefault(id, List.of())));
        }
        return List.copyOf(views.values());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
