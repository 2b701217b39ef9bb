package com.statalog.webhooks.dispatcher.retry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.Schemas;
import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** The spec's schedule with the %test delays (1 s, 2 s): attempt, retry after the first delay, retry after the second, drop. */
@QuarkusTest
class RetryTest {

    static final String SECRET = TestHook.SECRET;
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
    void aDeliveryFailingTwiceSucceedsOnItsThirdAttemptAtTheConfiguredGaps() throws Exception {
        TestHook hook = hook("/third-time");
        RECEIVER.answerInTurn("/third-time", 500, 503);
        hook.send();

        await().atMost(WITHIN).until(() -> RECEIVER.received("/third-time").size() == 3);
        List<Receiver.Received> attempts = RECEIVER.received("/third-time");
        double firstGap = (attempts.get(1).atNanos() - attempts.get(0).atNanos()) / 1e9;
        double secondGap = (attempts.get(2).atNanos() - attempts.get(1).atNanos()) / 1e9;
        assertEquals(1.0, firstGap, 0.5, "second attempt 1 s after the first failed");
        assertEquals(2.0, secondGap, 0.5, "third attempt 2 s after the second failed");
        String id = attempts.get(0).header("X-Statalog-Delivery");
        attempts.forEach(request -> assertEquals(id, request.header("X-Statalog-Delivery")));

        List<JsonNode> records = hook.attempts(3);
        assertEquals(List.of("retrying", "retrying", "delivered"), records.stream().map(r -> r.get("state").asText()).toList());
        assertEquals(List.of(500, 503, 200), records.stream().map(r -> r.get("status_code").asInt()).toList());
        assertEquals(List.of(1, 2, 3), records.stream().map(r -> r.get("attempt").asInt()).toList());
    }

    @Test
    void threeFailuresDropTheDeliveryToTheDeadLetterTopicWithoutAFourthAttempt() throws Exception {
        TestHook hook = hook("/always-down");
        RECEIVER.answer("/always-down", 500);
        hook.send();

        var deadLetters = TestKafkaClient.readUntil("statalog.deliveries.dead-letter",
                record -> hook.id.toString().equals(record.key()), WITHIN);
        String written = TestKafkaClient.text(deadLetters.get(deadLetters.size() - 1).value());
        assertEquals(Set.of(), Schemas.check("delivery-dead-letter.schema.json", written), "the dropped delivery follows its contract");
        JsonNode dropped = json.readTree(written);
        assertEquals(3, dropped.get("attempt").asInt());
        assertEquals(3, dropped.get("history").size());
        assertEquals(hook.event, new String(Base64.getDecoder().decode(dropped.get("body").asText())));
        assertEquals("goal.converted", dropped.get("event").asText());
        assertEquals("dropped", hook.attempts(3).get(2).get("state").asText());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> RECEIVER.received("/always-down").size() == 3);
    }

    @Test
    void aWebhookDisabledOrDeletedBetweenAttemptsIsCancelled() throws Exception {
        TestHook disabled = hook("/disabled-meanwhile");
        TestHook deleted = hook("/deleted-meanwhile");
        RECEIVER.answer("/disabled-meanwhile", 500);
        RECEIVER.answer("/deleted-meanwhile", 500);
        // the 500 comes 1.5 s after the request (within the 2 s deadline), so the retry is due ~2.5 s after
        // the request arrives: time for the change below to reach the dispatcher, whatever the scheduling
        RECEIVER.hang("/disabled-meanwhile", 1_500);
        RECEIVER.hang("/deleted-meanwhile", 1_500);
        disabled.send();
        deleted.send();
        await().atMost(WITHIN).until(() -> RECEIVER.received("/disabled-meanwhile").size() == 1
                && RECEIVER.received("/deleted-meanwhile").size() == 1);
        disabled.publish(RECEIVER.url("/disabled-meanwhile"), false, SECRET);
        ConfigTopic.deleteWebhook(deleted.id);
        await().atMost(WITHIN).until(() -> directory.webhook(deleted.id) == null && !directory.webhook(disabled.id).enabled());

        assertEquals("cancelled", disabled.attempts(2).get(1).get("state").asText());
        assertEquals("cancelled", deleted.attempts(2).get(1).get("state").asText());
        assertEquals(1, RECEIVER.received("/disabled-meanwhile").size());
        assertEquals(1, RECEIVER.received("/deleted-meanwhile").size());
    }

    @Test
    void theNextAttemptUsesTheRotatedSecretAndTheChangedUrl() {
        String rotated = "whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldy1zZWNyZXQtbmU=";
        try (Receiver moved = new Receiver().verifyingWith(rotated)) {
            TestHook hook = hook("/before-the-move");
            RECEIVER.answer("/before-the-move", 500);
            hook.send();
            await().atMost(WITHIN).until(() -> RECEIVER.received("/before-the-move").size() == 1);
            hook.publish(moved.url("/after-the-move"), true, rotated);
            await().atMost(WITHIN).until(() -> directory.webhook(hook.id).url().equals(moved.url("/after-the-move")));

            await().atMost(WITHIN).until(() -> moved.received("/after-the-move").size() == 1);
            assertTrue(moved.received("/after-the-move").get(0).signatureValid(), "signed with the rotated secret");
            assertEquals(1, RECEIVER.received("/before-the-move").size());
        }
    }

    @Test
    void aBurstOfAThousandDueRetriesIsDelivered() {
        List<TestHook> hooks = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            TestHook hook = hook("/burst-" + i);
            RECEIVER.answerFirst("/burst-" + i, 100, 503);
            hooks.add(hook);
        }
        hooks.forEach(hook -> TestKafkaClient.sendAll("statalog.events", hook.site,
                IntStream.range(0, 100).mapToObj(i -> hook.event).toList()));

        await().atMost(Duration.ofSeconds(90)).until(() -> hooks.stream()
                .allMatch(hook -> RECEIVER.received(hook.path).size() == 200));
        hooks.forEach(hook -> assertFalse(RECEIVER.received(hook.path).stream()
                .map(request -> request.header("X-Statalog-Delivery")).distinct().count() != 100));
    }

    private TestHook hook(String path) {
        return new TestHook(RECEIVER, path, directory);
    }
}
