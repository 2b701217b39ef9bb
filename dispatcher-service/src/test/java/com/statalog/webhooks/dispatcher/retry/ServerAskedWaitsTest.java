package com.statalog.webhooks.dispatcher.retry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * What a receiver can ask for beyond the schedule (%test: retries after 1 s and 2 s, Retry-After
 * capped at 6 s): a 429 or 503 with Retry-After is retried after max(delay, Retry-After) without
 * holding up the retries behind it; a 410 Gone ends the delivery at once.
 */
@QuarkusTest
class ServerAskedWaitsTest {

    static final Receiver RECEIVER = new Receiver();
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    WebhookDirectory directory;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aRetryAfterLongerThanTheDelayIsWaited() {
        RECEIVER.answerInTurn("/busy", 503);
        RECEIVER.answerHeader("/busy", "Retry-After", "4");
        new TestHook(RECEIVER, "/busy", directory).send();

        assertEquals(4.0, secondAttemptGap("/busy"), 0.75, "the second attempt waits the 4 s asked for, not the 1 s delay");
    }

    @Test
    void aRetryAfterShorterThanTheDelayDoesNotShortenIt() {
        RECEIVER.answerInTurn("/eager", 429);
        RECEIVER.answerHeader("/eager", "Retry-After", "0");
        new TestHook(RECEIVER, "/eager", directory).send();

        assertEquals(1.0, secondAttemptGap("/eager"), 0.5);
    }

    @Test
    void aRetryAfterBeyondTheMaximumIsCapped() {
        RECEIVER.answerInTurn("/maintenance", 503);
        RECEIVER.answerHeader("/maintenance", "Retry-After", "Fri, 31 Dec 2100 23:59:59 GMT");
        new TestHook(RECEIVER, "/maintenance", directory).send();

        assertEquals(6.0, secondAttemptGap("/maintenance"), 1.0, "capped at statalog.delivery.retry-after-max");
    }

    @Test
    void aRetryWaitingLongerDoesNotHoldUpTheRetriesBehindIt() {
        // both deliveries are of one webhook: the same partition of the first retry topic, the long wait ahead
        TestHook hook = new TestHook(RECEIVER, "/queue", directory);
        RECEIVER.answerInTurn("/queue", 503, 500);
        RECEIVER.answerHeader("/queue", "Retry-After", "3600");
        hook.send();
        await().atMost(WITHIN).until(() -> RECEIVER.received("/queue").size() == 1);
        hook.send();

        await().atMost(WITHIN).until(() -> RECEIVER.received("/queue").size() == 4);
        List<Receiver.Received> requests = RECEIVER.received("/queue");
        String waiting = requests.get(0).header("X-Statalog-Delivery");
        String behind = requests.get(1).header("X-Statalog-Delivery");
        assertFalse(waiting.equals(behind));
        assertEquals(behind, requests.get(2).header("X-Statalog-Delivery"), "the retry behind went first");
        assertEquals(1.0, gapSeconds(requests.get(1), requests.get(2)), 0.5);
        assertEquals(waiting, requests.get(3).header("X-Statalog-Delivery"));
        assertEquals(6.0, gapSeconds(requests.get(0), requests.get(3)), 1.0);
    }

    @Test
    void goneEndsTheDeliveryAtOnceWithItsBodyForAReplay() throws Exception {
        TestHook hook = new TestHook(RECEIVER, "/gone", directory);
        RECEIVER.answer("/gone", 410);
        hook.send();

        JsonNode record = hook.attempts(1).get(0);
        assertEquals("dropped", record.get("state").asText());
        assertEquals(410, record.get("status_code").asInt());
        assertEquals(hook.event, new String(Base64.getDecoder().decode(record.get("body").asText())));
        var deadLetters = TestKafkaClient.readUntil("statalog.deliveries.dead-letter",
                deadLetter -> hook.id.toString().equals(deadLetter.key()), WITHIN);
        assertEquals(1, json.readTree(deadLetters.get(deadLetters.size() - 1).value()).get("attempt").asInt());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> RECEIVER.received("/gone").size() == 1);
    }

    @Test
    void theFirstAndTheFinalAttemptRecordsCarryTheBodyAndEveryAttemptItsHeaders() {
        TestHook hook = new TestHook(RECEIVER, "/third-time", directory);
        RECEIVER.answerInTurn("/third-time", 500, 503);
        hook.send();

        List<JsonNode> records = hook.attempts(3);
        assertEquals(List.of("retrying", "retrying", "delivered"), records.stream().map(record -> record.get("state").asText()).toList());
        // the payload once to show while the delivery is retried, once to replay it when it has ended
        assertEquals(List.of(true, false, true), records.stream().map(record -> record.has("body")).toList());
        List<Receiver.Received> sent = RECEIVER.received("/third-time");
        for (int i = 0; i < 3; i++) {
            assertEquals(sent.get(i).header("X-Statalog-Signature"), records.get(i).get("request_headers").get("X-Statalog-Signature").asText());
            assertTrue(records.get(i).get("response_headers").has("content-length"), records.get(i).toString());
        }
    }

    private static double secondAttemptGap(String path) {
        await().atMost(WITHIN).until(() -> RECEIVER.received(path).size() == 2);
        List<Receiver.Received> requests = RECEIVER.received(path);
        return gapSeconds(requests.get(0), requests.get(1));
    }

    private static double gapSeconds(Receiver.Received first, Receiver.Received second) {
        return (second.atNanos() - first.atNanos()) / 1e9;
    }
}
