package com.statalog.webhooks.dispatcher.replay;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Replay requests on statalog.webhook-replays, as the registry writes them: the same bytes and
 * delivery id, signed, as a new series of attempts with the spec's schedule; unusable requests are
 * skipped without holding up the ones behind them.
 */
@QuarkusTest
class ReplayConsumerTest {

    static final Receiver RECEIVER = new Receiver().verifyingWith(TestHook.SECRET);
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    WebhookDirectory directory;

    @Inject
    MeterRegistry meters;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aReplayIsSentAgainAsItsNextSeriesWithTheSpecsSchedule() throws Exception {
        TestHook hook = new TestHook(RECEIVER, "/replayed", directory);
        RECEIVER.answerInTurn("/replayed", 500);
        double refusedBefore = meters.counter("statalog.replays.refused").count();

        TestKafkaClient.sendAll("statalog.webhook-replays", hook.id.toString(), List.of("not json",
                json.writeValueAsString(request(hook, "goal.nothing", 1)),
                json.writeValueAsString(request(hook, "goal.converted", 0)),
                json.writeValueAsString(request(hook, "goal.converted", 2))));

        await().atMost(WITHIN).until(() -> RECEIVER.received("/replayed").size() == 2);
        for (Receiver.Received request : RECEIVER.received("/replayed")) {
            assertEquals("delivery-to-replay", request.header("X-Statalog-Delivery"));
            assertArrayEquals(hook.event.getBytes(StandardCharsets.UTF_8), request.body());
            assertTrue(request.signatureValid());
        }
        List<JsonNode> records = hook.attempts(2);
        assertEquals(List.of(2, 2), records.stream().map(record -> record.get("replay").asInt()).toList());
        assertEquals(List.of(1, 2), records.stream().map(record -> record.get("attempt").asInt()).toList());
        assertEquals(List.of("retrying", "delivered"), records.stream().map(record -> record.get("state").asText()).toList());
        assertEquals(3.0, meters.counter("statalog.replays.refused").count() - refusedBefore);
    }

    @Test
    void aReplayToASlowEndpointDoesNotHoldUpTheNextOne() throws Exception {
        TestHook slow = new TestHook(RECEIVER, "/slow-replay", directory);
        TestHook fast = new TestHook(RECEIVER, "/fast-replay", directory);
        RECEIVER.hang("/slow-replay", 1_900);

        TestKafkaClient.send("statalog.webhook-replays", slow.id.toString(), json.writeValueAsString(request(slow, "goal.converted", 1)));
        await().atMost(WITHIN).until(() -> RECEIVER.received("/slow-replay").size() == 1);
        TestKafkaClient.send("statalog.webhook-replays", fast.id.toString(), json.writeValueAsString(request(fast, "goal.converted", 1)));

        await().atMost(WITHIN).until(() -> RECEIVER.received("/fast-replay").size() == 1);
        double afterTheSlowOne = (RECEIVER.received("/fast-replay").get(0).atNanos()
                - RECEIVER.received("/slow-replay").get(0).atNanos()) / 1e9;
        assertTrue(afterTheSlowOne < 1.8, "sent " + afterTheSlowOne + " s after the slow one started, before it was answered");
    }

    private static Map<String, Object> request(TestHook hook, String event, int replay) {
        return Map.of("delivery_id", "delivery-to-replay", "webhook_id", hook.id.toString(), "account_id", hook.account.toString(),
                "event", event, "site_id", hook.site,
                "body", Base64.getEncoder().encodeToString(hook.event.getBytes(StandardCharsets.UTF_8)), "replay", replay);
    }
}
