package com.statalog.webhooks.registry.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.statalog.webhooks.contracts.attempt.AttemptRecord;

/** A batch folds to one row per delivery, as applying its records one after the other would leave it. */
class LogRowTest {

    private static final UUID WEBHOOK = UUID.randomUUID();
    private static final Instant MADE = Instant.parse("2026-11-30T10:00:00Z");

    @Test
    void theMostAdvancedRecordGivesTheStateAndEveryAttemptIsKeptOnce() {
        String id = UUID.randomUUID().toString();
        List<LogRow> rows = LogRow.fold(List.of(
                record(id, 0, 2, "delivered", new byte[] {1}),
                record(id, 0, 1, "retrying", null),
                record(id, 0, 2, "delivered", new byte[] {1}),
                record(id, 0, 1, "retrying", null)));

        assertEquals(1, rows.size());
        LogRow row = rows.get(0);
        assertEquals("delivered", row.status());
        assertEquals(2, row.lastAttempt());
        assertEquals(List.of(2, 1), row.attempts().stream().map(DeliveryDetail.Attempt::attempt).toList());
        assertEquals(1, row.body().length);
    }

    @Test
    void theFirstAttemptsPayloadIsKeptWhileTheDeliveryIsRetried() {
        String id = UUID.randomUUID().toString();
        LogRow row = LogRow.fold(List.of(record(id, 0, 1, "retrying", new byte[] {7}), record(id, 0, 2, "retrying", null))).get(0);

        assertEquals("retrying", row.status());
        assertEquals(7, row.body()[0]);
    }

    @Test
    void aCancelOfTheSameAttemptWinsAndAddsNoAttempt() {
        String id = UUID.randomUUID().toString();
        LogRow row = LogRow.fold(List.of(record(id, 0, 1, "retrying", null), record(id, 0, 1, "cancelled", null))).get(0);

        assertEquals("cancelled", row.status());
        assertEquals(1, row.attempts().size());
    }

    @Test
    void anOlderSeriesReadLateMovesNothingBackButItsAttemptIsKept() {
        String id = UUID.randomUUID().toString();
        LogRow row = LogRow.fold(List.of(record(id, 1, 1, "delivered", new byte[] {2}), record(id, 0, 6, "dropped", new byte[] {2})))
                .get(0);

        assertEquals(1, row.replay());
        assertEquals("delivered", row.status());
        assertEquals(2, row.attempts().size());
    }

    @Test
    void deliveriesStayApartInTheOrderTheyCameAndAnswersLoseTheirNulCharacters() {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        AttemptRecord withNul = new AttemptRecord(second, WEBHOOK, UUID.randomUUID(), "goal.converted", null, 0, 1, MADE, 5, 500,
                "http_status", "bad\0answer", "retrying", null, MADE, null, Map.of("x-odd", "a\0b"));

        List<LogRow> rows = LogRow.fold(List.of(record(first, 0, 1, "retrying", null), withNul, record(first, 0, 2, "delivered", null)));

        assertEquals(List.of(UUID.fromString(first), UUID.fromString(second)), rows.stream().map(LogRow::id).toList());
        assertEquals("badanswer", rows.get(1).attempts().get(0).responseExcerpt());
        assertEquals(Map.of("x-odd", "ab"), rows.get(1).attempts().get(0).responseHeaders());
        assertNull(rows.get(1).endedAt());
    }

    private static AttemptRecord record(String id, int replay, int attempt, String state, byte[] body) {
        return new AttemptRecord(id, WEBHOOK, UUID.randomUUID(), "goal.converted", "ST-1", replay, attempt,
                MADE.plusSeconds(60L * attempt), 5, "delivered".equals(state) ? 200 : 500, null, "ok", state, body, MADE, null, null);
    }
}
