package com.statalog.webhooks.registry.replay;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.hibernate.Session;
import org.hibernate.jpa.HibernateHints;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.replay.ReplayRequest;
import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.delivery.DeliveryId;
import com.statalog.webhooks.registry.outbox.Outbox;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.webhook.Webhook;

/**
 * Replays deliveries that have ended: each is set back to {@code pending} as its next replay
 * series, and a request for the dispatcher is written to the outbox in the same transaction
 * (relayed to statalog.webhook-replays). Requests are limited per account, and one repeated with
 * the same {@code Idempotency-Key} is answered as the first time without replaying again.
 */
@ApplicationScoped
public class Replays {

    /**
     * Deliveries that can be replayed: not a Send Test, their bytes kept, and ended, or asked to be
     * replayed so long ago without an attempt since that the request must have been lost.
     */
    private static final String REPLAYABLE = """
            webhook_id = :webhook AND account_id = :account AND NOT test AND body IS NOT NULL
            AND (status IN ('delivered', 'dropped', 'cancelled')
                 OR (status = 'pending' AND last_attempt = 0 AND replay_requested_at < :lostBefore))""";
    private static final String IN_RANGE = REPLAYABLE + " AND status = :status AND created_at >= :from AND created_at < :to";
    /**
     * Sets the picked deliveries pending as their next replay series, and returns them as
     * statalog.webhook-replays carries them, oldest first.
     */
    private static final String REPLAYED = """
             ORDER BY created_at, id LIMIT :max FOR UPDATE),
            replayed AS (
                UPDATE delivery d SET status = 'pending', replay = d.replay + 1, last_attempt = 0, ended_at = NULL,
                    replay_requested_at = now()
                FROM picked WHERE (d.webhook_id, d.created_at, d.id) = (picked.webhook_id, picked.created_at, picked.id)
                RETURNING d.id, d.webhook_id, d.account_id, d.event, d.site_id, d.body, d.replay, d.created_at)
            SELECT id, webhook_id, account_id, event, site_id, body, replay, created_at FROM replayed ORDER BY created_at, id
            """;
    private static final String PICK = "WITH picked AS (SELECT webhook_id, created_at, id FROM delivery WHERE ";
    private static final String REPLAY_ONE = PICK + "id = :delivery AND " + REPLAYABLE + REPLAYED;
    private static final String REPLAY_RANGE = PICK + IN_RANGE + REPLAYED;
    private static final String FIRST_IN_RANGE = "SELECT min(created_at) FROM delivery WHERE " + IN_RANGE;

    /** Replay requests read and written to the outbox at a time. */
    private static final int WRITE_BATCH = 50;

    private final EntityManager entityManager;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final RegistryConfig.Replay limits;
    private final String topic;

    Replays(EntityManager entityManager, Outbox outbox, ObjectMapper json, RegistryConfig config) {
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.json = json;
        this.limits = config.replay();
        this.topic = config.topics().webhookReplays();
    }

    /** Replays one delivery of the account's webhook. */
    @Transactional
    public ReplayAnswer one(UUID accountId, String webhookId, String deliveryId, String idempotencyKey) {
        Webhook webhook = replayable(accountId, webhookId);
        String fingerprint = "POST /api/v1/webhooks/" + webhook.id + "/deliveries/" + deliveryId + "/replay";
        return once(accountId, idempotencyKey, fingerprint, () -> {
            UUID delivery = DeliveryId.parse(deliveryId).orElseThrow(() -> new NotFoundException("no such delivery"));
            explainIfNotReplayable(webhook, delivery);
            int replayed = replay(webhook, REPLAY_ONE, Map.of("delivery", delivery), 1);
            return new ReplayAnswer(UUID.randomUUID(), webhook.id, replayed, false, null, now());
        });
    }

    /** Replays every delivery of the account's webhook created in [from, to) with this final status, oldest first. */
    @Transactional
    public ReplayAnswer range(UUID accountId, String webhookId, ReplayRange range, String idempotencyKey) {
        Webhook webhook = replayable(accountId, webhookId);
        String fingerprint = "POST /api/v1/webhooks/" + webhook.id + "/replay " + range.fingerprint();
        return once(accountId, idempotencyKey, fingerprint, () -> {
            Instant requestedAt = now();
            Map<String, Object> parameters = Map.of("status", range.status(), "from", range.from(),
                    "to", range.to() == null ? requestedAt : range.to());
            int replayed = replay(webhook, REPLAY_RANGE, parameters, limits.maxDeliveries());
            // the ones just replayed are pending now: what still matches is the rest
            Instant nextFrom = bind(nativeQuery(FIRST_IN_RANGE, Instant.class), webhook, parameters)
                    .getSingleResult();
            return new ReplayAnswer(UUID.randomUUID(), webhook.id, replayed, nextFrom != null, nextFrom, requestedAt);
        });
    }

    /** The account's webhook (404 otherwise), enabled (409 otherwise), the account's requests serialised and counted. */
    private Webhook replayable(UUID accountId, String webhookId) {
        Webhook webhook = Webhook.owned(accountId, webhookId);
        if (!webhook.enabled) {
            throw new ClientErrorException("the webhook is disabled: enable it, then replay", Response.Status.CONFLICT);
        }
        // one replay request of an account at a time, across replicas: the limit and the keys stay exact
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended(CAST(?1 AS text), 7))")
                .setParameter(1, accountId.toString()).getSingleResult();
        return webhook;
    }

    /**
     * A replay request's one way through: the answer already given to its Idempotency-Key, if any;
     * otherwise, within the account's limit, the replay, its answer remembered.
     */
    private ReplayAnswer once(UUID accountId, String idempotencyKey, String fingerprint, Supplier<ReplayAnswer> replaying) {
        Optional<ReplayAnswer> earlier = remembered(accountId, idempotencyKey, fingerprint);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        requireWithinLimit(accountId);
        return answer(accountId, idempotencyKey, fingerprint, replaying.get());
    }

    /** The answer already given to this key, if any; a key used for another request is refused. */
    private Optional<ReplayAnswer> remembered(UUID accountId, String idempotencyKey, String fingerprint) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        entityManager.createNativeQuery("""
                DELETE FROM replay_request WHERE account_id = ?1 AND idempotency_key = ?2
                AND requested_at <= now() - make_interval(secs => ?3)
                """).setParameter(1, accountId).setParameter(2, idempotencyKey)
                .setParameter(3, limits.idempotencyKeyTtl().toSeconds()).executeUpdate();
        List<Tuple> earlier = nativeQuery(
                "SELECT fingerprint, answer FROM replay_request WHERE account_id = ?1 AND idempotency_key = ?2", Tuple.class)
                .setParameter(1, accountId).setParameter(2, idempotencyKey).getResultList();
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!fingerprint.equals(earlier.get(0).get("fingerprint", String.class))) {
            throw new InvalidFieldException(422, "Idempotency-Key", "was already used for a different request");
        }
        try {
            return Optional.of(json.readValue(earlier.get(0).get("answer", String.class), ReplayAnswer.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored replay answer is unreadable", e);
        }
    }

    private void requireWithinLimit(UUID accountId) {
        Instant windowStart = Instant.now().minus(limits.window());
        @SuppressWarnings("unchecked")
        List<Instant> recent = entityManager.createNativeQuery("""
                SELECT requested_at FROM replay_request WHERE account_id = ?1 AND requested_at > ?2
                ORDER BY requested_at
                """, Instant.class).setParameter(1, accountId).setParameter(2, windowStart).getResultList();
        if (recent.size() >= limits.maxRequests()) {
            long seconds = Math.max(1, Duration.between(windowStart, recent.get(recent.size() - limits.maxRequests()))
                    .toSeconds() + 1);
            throw new WebApplicationException(new IllegalStateException("at most " + limits.maxRequests()
                    + " replay requests per " + limits.window().toSeconds() + " s; retry in " + seconds + " s"),
                    Response.status(429).header("Retry-After", seconds).build());
        }
    }

    private void explainIfNotReplayable(Webhook webhook, UUID deliveryId) {
        List<Tuple> rows = nativeQuery("""
                SELECT status, test, body IS NOT NULL AS kept, coalesce(last_attempt = 0 AND replay_requested_at < ?4, false) AS lost
                FROM delivery WHERE id = ?1 AND webhook_id = ?2 AND account_id = ?3""", Tuple.class)
                .setParameter(1, deliveryId).setParameter(2, webhook.id).setParameter(3, webhook.accountId)
                .setParameter(4, lostBefore()).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException("no such delivery");
        }
        Tuple delivery = rows.get(0);
        String status = delivery.get("status", String.class);
        if (delivery.get("test", Boolean.class)) {
            throw new ClientErrorException("a Send Test cannot be replayed", Response.Status.CONFLICT);
        }
        if (("pending".equals(status) && !delivery.get("lost", Boolean.class)) || "retrying".equals(status)) {
            throw new ClientErrorException("the delivery has not ended yet: it is " + status, Response.Status.CONFLICT);
        }
        if (!delivery.get("kept", Boolean.class)) {
            throw new ClientErrorException("no copy of this delivery's payload is kept, so it cannot be sent again",
                    Response.Status.CONFLICT);
        }
    }

    /**
     * Replays what the statement picks, and asks the dispatcher (through the outbox, in this
     * transaction) to send each. Read a few at a time and written out as it goes: a range holds up
     * to a thousand bodies of up to 256 KiB each, which belong in PostgreSQL, not in this heap.
     */
    private int replay(Webhook webhook, String statement, Map<String, Object> parameters, int max) {
        UUID webhookId = webhook.id;
        int replayed = 0;
        try (Stream<Tuple> rows = bind(nativeQuery(statement, Tuple.class), webhook, parameters).setParameter("max", max)
                .setHint(HibernateHints.HINT_FETCH_SIZE, WRITE_BATCH).getResultStream()) {
            for (Iterator<Tuple> picked = rows.iterator(); picked.hasNext();) {
                Tuple delivery = picked.next();
                outbox.append(topic, webhookId.toString(), new ReplayRequest(delivery.get("id", UUID.class).toString(),
                        delivery.get("webhook_id", UUID.class), delivery.get("account_id", UUID.class), delivery.get("event", String.class),
                        delivery.get("site_id", String.class), delivery.get("body", byte[].class), delivery.get("replay", Integer.class),
                        delivery.get("created_at", Instant.class)));
                if (++replayed % WRITE_BATCH == 0) {
                    entityManager.flush();
                    entityManager.clear();
                }
            }
        }
        return replayed;
    }

    private <T> TypedQuery<T> nativeQuery(String sql, Class<T> type) {
        return entityManager.unwrap(Session.class).createNativeQuery(sql, type);
    }

    /** Binds the parameters of {@link #REPLAYABLE} and the caller's own. */
    private <T> TypedQuery<T> bind(TypedQuery<T> query, Webhook webhook, Map<String, Object> parameters) {
        query.setParameter("webhook", webhook.id).setParameter("account", webhook.accountId)
                .setParameter("lostBefore", lostBefore());
        parameters.forEach(query::setParameter);
        return query;
    }

    private Instant lostBefore() {
        return Instant.now().minus(limits.pendingTimeout());
    }

    private ReplayAnswer answer(UUID accountId, String idempotencyKey, String fingerprint, ReplayAnswer answer) {
        String text;
        try {
            text = json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("replay answer not serialisable", e);
        }
        entityManager.createNativeQuery("""
                INSERT INTO replay_request (id, account_id, idempotency_key, fingerprint, answer, requested_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """).setParameter(1, answer.id()).setParameter(2, accountId).setParameter(3, idempotencyKey)
                .setParameter(4, fingerprint).setParameter(5, text).setParameter(6, answer.requestedAt()).executeUpdate();
        return answer;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
