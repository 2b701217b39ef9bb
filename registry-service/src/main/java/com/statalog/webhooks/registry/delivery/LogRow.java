package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import com.statalog.webhooks.contracts.attempt.AttemptRecord;

/**
 * A delivery's row as a batch of attempt records leaves it: the records of one delivery folded
 * into one, as applying them one after the other would. One row per delivery is what lets a batch
 * be a single {@code INSERT … SELECT … ON CONFLICT}, which may touch a row only once. The state is
 * the most advanced record's — the latest (replay, attempt), a cancel winning over an attempt of
 * the same number, the first of equals otherwise — and the attempts are every attempt once, in
 * arrival order.
 */
record LogRow(UUID webhookId, UUID id, UUID accountId, Instant createdAt, Instant endedAt, int replay, int lastAttempt,
        boolean test, String event, String siteId, String status, List<DeliveryDetail.Attempt> attempts, byte[] body) {

    static final String CANCELLED = "cancelled";

    private record Key(UUID webhookId, Instant createdAt, UUID id) {
    }

    /** The batch's rows, one per delivery, in the order of each delivery's first record. */
    static List<LogRow> fold(List<AttemptRecord> records) {
        Map<Key, LogRow> rows = new LinkedHashMap<>();
        for (AttemptRecord record : records) {
            LogRow row = of(record);
            rows.merge(new Key(row.webhookId(), row.createdAt(), row.id()), row, LogRow::then);
        }
        return List.copyOf(rows.values());
    }

    static LogRow of(AttemptRecord record) {
        List<DeliveryDetail.Attempt> attempts = CANCELLED.equals(record.state()) ? List.of()
                : List.of(new DeliveryDetail.Attempt(record.replay(), record.attempt(), record.at(), record.statusCode(),
                        withoutNul(record.error()), record.durationMs(), withoutNul(record.responseExcerpt()), record.requestHeaders(),
                        withoutNul(record.responseHeaders())));
        return new LogRow(record.webhookId(), UUID.fromString(record.deliveryId()), record.accountId(), createdAt(record),
                record.isFinal() ? record.at() : null, record.replay(), record.attempt(), false, record.event(), record.siteId(),
                record.state(), attempts, record.body());
    }

    /** A Send Test: its one attempt, delivered if it had no error; not replayable (no body). */
    static LogRow sendTest(UUID webhookId, UUID accountId, Instant at, DeliveryDetail.Attempt attempt) {
        return new LogRow(webhookId, UUID.randomUUID(), accountId, at, at, 0, 1, true, "test", null,
                attempt.error() == null ? "delivered" : "dropped", List.of(attempt), null);
    }

    /** PostgreSQL's JSON holds no NUL character ({@code \u0000}): an endpoint's answer may contain one. */
    private static String withoutNul(String text) {
        return text == null ? null : text.replace("\0", "");
    }

    private static Map<String, String> withoutNul(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        Map<String, String> clean = new LinkedHashMap<>();
        headers.forEach((name, value) -> clean.put(withoutNul(name), withoutNul(value)));
        return clean;
    }

    /** The delivery's creation time; a record from a dispatcher before it was carried has its attempt's time. */
    static Instant createdAt(AttemptRecord record) {
        return record.createdAt() != null ? record.createdAt() : record.at();
    }

    /** This row, then a later record's: the same rule as the upsert's (DeliveryLog). */
    private LogRow then(LogRow later) {
        List<DeliveryDetail.Attempt> all = new ArrayList<>(attempts);
        for (DeliveryDetail.Attempt attempt : later.attempts()) {
            if (all.stream().noneMatch(known -> known.replay() == attempt.replay() && known.attempt() == attempt.attempt())) {
                all.add(attempt);
            }
        }
        String site = siteId != null ? siteId : later.siteId();
        if (!later.movesForwardFrom(this)) {
            return new LogRow(webhookId, id, accountId, createdAt, endedAt, replay, lastAttempt, test, event, site, status, all,
                    body != null ? body : later.body());
        }
        return new LogRow(webhookId, id, accountId, createdAt, later.endedAt(), later.replay(), later.lastAttempt(), test, event,
                site, later.status(), all, body != null ? body : later.body());
    }

    private boolean movesForwardFrom(LogRow earlier) {
        int bySeries = replay != earlier.replay() ? Integer.compare(replay, earlier.replay())
                : Integer.compare(lastAttempt, earlier.lastAttempt());
        return bySeries > 0 || (bySeries == 0 && CANCELLED.equals(status) && !Objects.equals(status, earlier.status()));
    }
}
