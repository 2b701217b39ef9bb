package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** Events from Kafka to a real receiver that verifies signatures like the spec; every attempt recorded. */
@QuarkusTest
class DeliveryTest {

    static final Receiver RECEIVER = new Receiver().verifyingWith("whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=");
    static final String SECRET = "whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQtc2VjcmV0LXNlY3I=";
    private static final Duration PROMPTLY = Duration.ofSeconds(20);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    WebhookDirectory directory;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aGoalEventIsPostedSignedWithItsExactBytes() throws Exception {
        Tenant tenant = new Tenant();
        UUID webhook = tenant.webhook(null, "/exact", List.of("goal.converted"), 50, 50, true);
        // odd spacing, key order and non-ASCII: the receiver must get these bytes, not a re-serialisation
        String event = "{ \"event\" : \"goal.converted\",\"site_id\":\"" + tenant.site + "\",\"goal\":{\"id\":17,\"name\":\"Inscripción ✓\"},"
                + "\"monetary_value\":49.00,\"visitor_id\":\"anon_7f3a2c\",\"session_id\":\"sess_9d1e4b\","
                + "\"url\":\"https://example.com/thank-you\",\"timestamp\":\"2025-04-24T14:32:08Z\"}";
        TestKafkaClient.send("statalog.events", tenant.site, event);

        await().atMost(PROMPTLY).until(() -> RECEIVER.received("/exact").size() == 1);
        Receiver.Received request = RECEIVER.received("/exact").get(0);
        assertArrayEquals(event.getBytes(StandardCharsets.UTF_8), request.body());
        assertTrue(request.signatureValid(), "the spec's verifier must accept the signature");
        assertEquals("goal.converted", request.header("X-Statalog-Event"));
        assertTrue(request.header("Content-Type").startsWith("application/json"));
        assertTrue(request.header("User-Agent").startsWith("Statalog-Webhooks/"));
        String deliveryId = request.header("X-Statalog-Delivery");

        JsonNode attempt = attemptOf(webhook);
        assertEquals(deliveryId, attempt.get("delivery_id").asText());
        assertEquals("delivered", attempt.get("state").asText());
        assertEquals(200, attempt.get("status_code").asInt());
        assertEquals(1, attempt.get("attempt").asInt());
        assertEquals(tenant.account.toString(), attempt.get("account_id").asText());
        assertTrue(attempt.get("error").isNull());
    }

    @Test
    void eventsReachExactlyTheWebhooksThatSubscribeAndWhoseThresholdIsCrossed() {
        Tenant tenant = new Tenant();
        Tenant stranger = new Tenant();
        tenant.webhook(tenant.site, "/f-site-goal", List.of("goal.converted"), 50, 50, true);
        tenant.webhook(null, "/f-all-sites", List.of("goal.converted", "traffic.spike", "traffic.drop"), 100, 50, true);
        tenant.webhook(tenant.site, "/f-spike-200", List.of("traffic.spike"), 200, 50, true);
        tenant.webhook(tenant.site, "/f-drop-60", List.of("traffic.drop"), 50, 60, true);
        tenant.webhook(tenant.site, "/f-disabled", List.of("goal.converted", "traffic.spike"), 1, 1, false);
        stranger.webhook(null, "/f-stranger", List.of("goal.converted", "traffic.spike", "traffic.drop"), 1, 1, true);

        TestKafkaClient.send("statalog.events", tenant.site, TestEvents.goal(tenant.site));
        TestKafkaClient.send("statalog.events", tenant.site, traffic("traffic.spike", tenant.site, 129.5));
        TestKafkaClient.send("statalog.events", tenant.site, traffic("traffic.drop", tenant.site, -52.4));
        String last = traffic("traffic.spike", tenant.site, 250.0);
        TestKafkaClient.send("statalog.events", tenant.site, last);

        await().atMost(PROMPTLY).until(() -> RECEIVER.received("/f-spike-200").size() == 1);
        // the other webhooks' deliveries were made before the last event's: all are in by now, or never
        await().atMost(PROMPTLY).until(() -> RECEIVER.received("/f-all-sites").size() == 4);
        assertEquals(1, RECEIVER.received("/f-site-goal").size());
        assertEquals(0, RECEIVER.received("/f-drop-60").size(), "-52.4 does not cross a 60 % drop threshold");
        assertEquals(0, RECEIVER.received("/f-disabled").size());
        assertEquals(0, RECEIVER.received("/f-stranger").size());
        assertEquals(List.of("goal.converted", "traffic.drop", "traffic.spike", "traffic.spike"),
                RECEIVER.received("/f-all-sites").stream().map(request -> request.header("X-Statalog-Event")).sorted().toList());
    }

    @Test
    void anEndpointThatDoesNotAnswerInTimeIsATimeout() throws Exception {
        Tenant tenant = new Tenant();
        RECEIVER.hang("/hang", 3_000); // the %test deadline is 2 s
        UUID webhook = tenant.webhook(tenant.site, "/hang", List.of("goal.converted"), 50, 50, true);
        TestKafkaClient.send("statalog.events", tenant.site, TestEvents.goal(tenant.site));
        JsonNode attempt = attemptOf(webhook);
        assertEquals("timeout", attempt.get("error").asText());
        assertTrue(attempt.get("status_code").isNull());
        assertEquals("retrying", attempt.get("state").asText());
        assertTrue(attempt.get("duration_ms").asLong() >= 1_900, attempt.toString());
    }

    @Test
    void aRedirectIsAFailureAndIsNotFollowed() throws Exception {
        Tenant tenant = new Tenant();
        RECEIVER.redirect("/moved", RECEIVER.url("/new-home"));
        UUID webhook = tenant.webhook(tenant.site, "/moved", List.of("goal.converted"), 50, 50, true);
        TestKafkaClient.send("statalog.events", tenant.site, TestEvents.goal(tenant.site));
        JsonNode attempt = attemptOf(webhook);
        assertEquals("redirect", attempt.get("error").asText());
        assertEquals(302, attempt.get("status_code").asInt());
        assertEquals(0, RECEIVER.received("/new-home").size());
    }

    @Test
    void aServerErrorIsRecordedWithItsStatusAndExcerpt() throws Exception {
        Tenant tenant = new Tenant();
        RECEIVER.answer("/broken", 500);
        UUID webhook = tenant.webhook(tenant.site, "/broken", List.of("goal.converted"), 50, 50, true);
        TestKafkaClient.send("statalog.events", tenant.site, TestEvents.goal(tenant.site));
        JsonNode attempt = attemptOf(webhook);
        assertEquals("http_status", attempt.get("error").asText());
        assertEquals(500, attempt.get("status_code").asInt());
        assertEquals("{\"ok\":true}", attempt.get("response_excerpt").asText());
    }

    @Test
    void aTargetResolvingToAForbiddenAddressIsRefusedAtConnectTime() throws Exception {
        Tenant tenant = new Tenant();
        UUID webhook = UUID.randomUUID();
        ConfigTopic.webhook(new ConfigTopic.Webhook(webhook, tenant.account, tenant.site, "http://169.254.169.254/latest/meta-data",
                List.of("goal.converted"), 50, 50, true, SECRET));
        awaitKnown(webhook);
        TestKafkaClient.send("statalog.events", tenant.site, TestEvents.goal(tenant.site));
        JsonNode attempt = attemptOf(webhook);
        assertEquals("blocked_address", attempt.get("error").asText());
        assertTrue(attempt.get("status_code").isNull());
    }

    @Test
    void aHangingEndpointDoesNotDelayAnother() {
        Tenant tenant = new Tenant();
        try (Receiver healthy = new Receiver()) {
            RECEIVER.hang("/slow", 3_000);
            tenant.webhook(tenant.site, "/slow", List.of("goal.converted"), 50, 50, true);
            UUID fast = UUID.randomUUID();
            ConfigTopic.webhook(new ConfigTopic.Webhook(fast, tenant.account, tenant.site, healthy.url("/fast"),
                    List.of("goal.converted"), 50, 50, true, SECRET));
            awaitKnown(fast);
            for (int i = 0; i < 40; i++) {
                TestKafkaClient.send("statalog.events", tenant.site, TestEvents.goal(tenant.site));
            }
            // the hanging endpoint takes 8 at a time for the 2 s deadline: its 40 need 10 s; the healthy one is not held up
            await().atMost(Duration.ofSeconds(20)).until(() -> healthy.received("/fast").size() == 40);
            long slowStillWaiting = 40 - RECEIVER.received("/slow").size();
            assertTrue(slowStillWaiting >= 8, "the healthy endpoint was served while the hanging one still had "
                    + slowStillWaiting + " deliveries to start");
        }
    }

    @Test
    void aPoisonRecordDoesNotStopTheNextEvent() {
        Tenant tenant = new Tenant();
        tenant.webhook(tenant.site, "/after-poison", List.of("goal.converted"), 50, 50, true);
        TestKafkaClient.send("statalog.events", tenant.site, "{\"event\":\"goal.converted\"");
        TestKafkaClient.send("statalog.events", tenant.site, "{\"event\":\"goal.converted\",\"site_id\":\"someone-else\"}");
        TestKafkaClient.send("statalog.events", tenant.site, TestEvents.goal(tenant.site));
        await().atMost(PROMPTLY).until(() -> RECEIVER.received("/after-poison").size() == 1);
    }

    /** The configuration topic is read asynchronously: an event published before the webhook arrived would not find it. */
    private void awaitKnown(UUID webhook) {
        await().atMost(PROMPTLY).until(() -> directory.webhook(webhook) != null);
    }

    private JsonNode attemptOf(UUID webhook) throws Exception {
        var records = TestKafkaClient.readUntil("statalog.webhook-attempts", record -> webhook.toString().equals(record.key()),
                PROMPTLY);
        JsonNode attempt = json.readTree(records.get(records.size() - 1).value());
        assertNull(attempt.get("secret"));
        return attempt;
    }

    static String traffic(String event, String site, double changePct) {
        return "{\"event\":\"" + event + "\",\"site_id\":\"" + site + "\",\"visitors_yesterday\":4820,"
                + "\"visitors_average\":2100,\"change_pct\":" + changePct + ",\"timestamp\":\"2025-04-24T00:15:00Z\"}";
    }

    /** An account with one site, configured through the topic as the registry would; returns once the dispatcher has it. */
    final class Tenant {
        final UUID account = UUID.randomUUID();
        final String site = "ST-" + UUID.randomUUID().toString().substring(0, 8);

        Tenant() {
            ConfigTopic.site(site, account);
        }

        UUID webhook(String siteId, String path, List<String> events, double spike, double drop, boolean enabled) {
            UUID id = UUID.randomUUID();
            ConfigTopic.webhook(new ConfigTopic.Webhook(id, account, siteId, RECEIVER.url(path), events, spike, drop, enabled, SECRET));
            awaitKnown(id);
            return id;
        }
    }
}
