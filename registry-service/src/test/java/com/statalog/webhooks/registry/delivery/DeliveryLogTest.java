package com.statalog.webhooks.registry.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.registry.WithDeliveries;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * End to end: the registry, the real dispatcher (allowed to reach loopback), real Kafka and a real
 * receiver. Each delivery appears in the log with its attempts and codes; Send Test answers the
 * outcome and is logged as a test.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class DeliveryLogTest {

    static final Receiver RECEIVER = new Receiver();
    private static final Duration WITHIN = Duration.ofSeconds(30);

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void deliveredRetriedDroppedAndCancelledDeliveriesAppearWithTheirAttempts() {
        Tenant tenant = Api.newTenant();
        String delivered = webhook(tenant, "/ok");
        RECEIVER.answerInTurn("/flaky", 500, 503);
        String retried = webhook(tenant, "/flaky");
        RECEIVER.answer("/down", 500);
        String dropped = webhook(tenant, "/down");
        RECEIVER.answer("/disabled-later", 500);
        String cancelled = webhook(tenant, "/disabled-later");
        // the dispatcher reads the configuration topic asynchronously: publish once it knows all four
        List.of(delivered, retried, dropped, cancelled)
                .forEach(webhook -> Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook));
        TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
        await().atMost(WITHIN).until(() -> RECEIVER.received("/disabled-later").size() == 1);
        tenant.request().body(Map.of("enabled", false)).patch("/api/v1/webhooks/{id}", cancelled).then().statusCode(200);

        JsonPath ok = awaitFirstDelivery(tenant, delivered, "delivered");
        assertEquals(List.of(200), ok.getList("items[0].attempts.status_code"));
        assertEquals("goal.converted", ok.getString("items[0].event"));

        JsonPath flaky = awaitFirstDelivery(tenant, retried, "delivered");
        assertEquals(List.of(500, 503, 200), flaky.getList("items[-1].attempts.status_code"));
        assertEquals(List.of(1, 2, 3), flaky.getList("items[-1].attempts.attempt"));

        JsonPath down = awaitFirstDelivery(tenant, dropped, "dropped");
        assertEquals(List.of("http_status", "http_status", "http_status"), down.getList("items[-1].attempts.error"));

        // the change travels registry → outbox → topic → dispatcher, racing the 1 s retry: one or two
        // attempts happen before it arrives, never the third
        JsonPath off = awaitFirstDelivery(tenant, cancelled, "cancelled");
        List<Integer> codes = off.getList("items[-1].attempts.status_code");
        assertTrue(codes.size() < 3 && codes.stream().allMatch(code -> code == 500), codes.toString());
    }

    @Test
    void sendTestAnswersTheOutcomeAndIsLoggedAsATest() {
        Tenant tenant = Api.newTenant();
        RECEIVER.answer("/test-broken", 500);
        RECEIVER.hang("/test-hang", 3_000);
        sendTest(tenant, webhook(tenant, "/test-ok")).body("status_code", equalTo(200)).body("error", nullValue());
        sendTest(tenant, webhook(tenant, "/test-broken")).body("status_code", equalTo(500)).body("error", equalTo("http_status"));
        sendTest(tenant, webhook(tenant, "/test-hang")).body("status_code", nullValue()).body("error", equalTo("timeout"));
        String ok = webhook(tenant, "/test-logged");
        sendTest(tenant, ok).body("status_code", equalTo(200));
        tenant.request().queryParam("event", "test").when().get("/api/v1/webhooks/{id}/deliveries", ok)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].test", equalTo(true))
                .body("items[0].status", equalTo("delivered")).body("items[0].attempts.status_code", contains(200));
        assertEquals("{\"event\":\"test\"}", new String(RECEIVER.received("/test-logged").get(0).body()));
    }

    @Test
    void aDeliveryOpensWithThePayloadAndEachAttemptsRequestAndAnswer() {
        Tenant tenant = Api.newTenant();
        RECEIVER.answerInTurn("/opened", 500);
        RECEIVER.answerHeader("/opened", "X-Receiver-Trace", "trace-42");
        String webhook = webhook(tenant, "/opened");
        Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook);
        TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
        String delivery = awaitFirstDelivery(tenant, webhook, "delivered").getString("items[0].id");

        JsonPath opened = tenant.request().get("/api/v1/webhooks/{id}/deliveries/{delivery}", webhook, delivery)
                .then().statusCode(200).extract().jsonPath();
        List<Receiver.Received> sent = RECEIVER.received("/opened");
        assertEquals(2, sent.size());
        assertEquals(new String(sent.get(1).body(), java.nio.charset.StandardCharsets.UTF_8), opened.getString("payload"));
        assertEquals(List.of(500, 200), opened.getList("attempts.status_code"));
        for (int i = 0; i < 2; i++) {
            // the headers shown are the ones the receiver got, signature included
            Map<String, String> request = opened.getMap("attempts[" + i + "].request_headers");
            assertEquals(sent.get(i).header("X-Statalog-Signature"), request.get("X-Statalog-Signature"));
            assertEquals(sent.get(i).header("webhook-signature"), request.get("webhook-signature"));
            assertEquals("goal.converted", request.get("X-Statalog-Event"));
            assertEquals("trace-42", opened.getMap("attempts[" + i + "].response_headers").get("x-receiver-trace"));
        }

        tenant.request().get("/api/v1/webhooks/{id}/deliveries/{delivery}", webhook, "00000000-0000-0000-0000-000000000000")
                .then().statusCode(404);
        Api.newTenant().request().get("/api/v1/webhooks/{id}/deliveries/{delivery}", webhook, delivery).then().statusCode(404);

        JsonPath week = tenant.request().queryParam("period", "7d").get("/api/v1/webhooks/{id}/deliveries/stats", webhook)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(1), week.getList("hours.delivered"));
        assertEquals(List.of(0), week.getList("hours.dropped"));
        tenant.request().queryParam("period", "1y").get("/api/v1/webhooks/{id}/deliveries/stats", webhook)
                .then().statusCode(400).body("errors[0].field", equalTo("period"));
    }

    @Test
    void sendTestIsLimitedPerWebhook() {
        Tenant tenant = Api.newTenant();
        String id = webhook(tenant, "/limited");
        for (int i = 0; i < 5; i++) {
            sendTest(tenant, id);
        }
        tenant.request().when().post("/api/v1/webhooks/{id}/test", id)
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anotherAccountsWebhookAnswers404OnBothRoutes() {
        Tenant owner = Api.newTenant();
        Tenant intruder = Api.newTenant();
        String id = webhook(owner, "/private-log");
        intruder.request().when().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(404);
        intruder.request().when().post("/api/v1/webhooks/{id}/test", id).then().statusCode(404);
        assertEquals(0, RECEIVER.received("/private-log").size());
    }

    @Test
    void filtersAreValidated() {
        Tenant tenant = Api.newTenant();
        String id = webhook(tenant, "/filters");
        tenant.request().queryParam("status", "lost").get("/api/v1/webhooks/{id}/deliveries", id)
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
        tenant.request().queryParam("event", "page.viewed").get("/api/v1/webhooks/{id}/deliveries", id)
                .then().statusCode(400).body("errors[0].field", equalTo("event"));
        tenant.request().queryParam("status", "dropped").get("/api/v1/webhooks/{id}/deliveries", id)
                .then().statusCode(200).body("items", hasSize(0)).body("next_cursor", nullValue());
    }

    private static JsonPath awaitFirstDelivery(Tenant tenant, String webhook, String status) {
        return await().atMost(WITHIN).until(() -> tenant.request().queryParam("status", status)
                .get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).extract().jsonPath(),
                page -> !page.getList("items").isEmpty());
    }

    private static io.restassured.response.ValidatableResponse sendTest(Tenant tenant, String id) {
        return tenant.request().when().post("/api/v1/webhooks/{id}/test", id).then().statusCode(200);
    }

    private static String webhook(Tenant tenant, String path) {
        return tenant.request().body(Map.of("name", path, "url", RECEIVER.url(path), "events", List.of("goal.converted"),
                "site_id", tenant.siteId())).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }
}
