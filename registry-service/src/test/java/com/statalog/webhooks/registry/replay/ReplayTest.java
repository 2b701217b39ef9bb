package com.statalog.webhooks.registry.replay;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;

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
 * Replays end to end: the registry, the real dispatcher, real Kafka and a receiver verifying the
 * signature. A replay sends the same bytes with the same delivery id as a new series of attempts,
 * shown in the log; only deliveries that ended, of the caller's own enabled webhooks; idempotent
 * with an Idempotency-Key; limited per account (%test: 5 requests a minute).
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class ReplayTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Inject
    EntityManager entityManager;

    @Test
    void aDroppedDeliveryIsSentAgainWithItsIdAndBytesAndShownAsAReplay() {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            String webhook = webhook(tenant, receiver, "/down-then-up");
            receiver.answer("/down-then-up", 500);
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
            String delivery = awaitStatus(tenant, webhook, "dropped").getString("items[0].id");
            receiver.answer("/down-then-up", 200);

            tenant.request().header("Idempotency-Key", "replay-1").post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook, delivery)
                    .then().statusCode(202).body("deliveries", equalTo(1)).body("more", equalTo(false))
                    .body("webhook_id", equalTo(webhook)).body("id", notNullValue());

            await().atMost(WITHIN).until(() -> receiver.received("/down-then-up").size() == 4);
            List<Receiver.Received> requests = receiver.received("/down-then-up");
            Receiver.Received replayed = requests.get(3);
            assertEquals(delivery, replayed.header("X-Statalog-Delivery"));
            assertArrayEquals(requests.get(0).body(), replayed.body());
            assertTrue(replayed.signatureValid());

            JsonPath log = awaitStatus(tenant, webhook, "delivered");
            assertEquals(1, log.getInt("items[0].replays"));
            assertEquals(List.of(0, 0, 0, 1), log.getList("items[0].attempts.replay"));
            assertEquals(List.of(1, 2, 3, 1), log.getList("items[0].attempts.attempt"));
            assertEquals(List.of(500, 500, 500, 200), log.getList("items[0].attempts.status_code"));
        }
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerAndReplaysOnce() {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            String webhook = webhook(tenant, receiver, "/once");
            receiver.answerFirst("/once", 3, 500);
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
            String delivery = awaitStatus(tenant, webhook, "dropped").getString("items[0].id");

            String first = tenant.request().header("Idempotency-Key", "same").post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook,
                    delivery).then().statusCode(202).extract().asString();
            String again = tenant.request().header("Idempotency-Key", "same").post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook,
                    delivery).then().statusCode(202).extract().asString();
            assertEquals(first, again);
            await().atMost(WITHIN).until(() -> receiver.received("/once").size() == 4);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received("/once").size() == 4);

            tenant.request().header("Idempotency-Key", "same").body(Map.of("from", "2026-01-01T00:00:00Z"))
                    .post("/api/v1/webhooks/{id}/replay", webhook)
                    .then().statusCode(422).body("errors[0].field", equalTo("Idempotency-Key"));
            // an open range (no "to") is the same request when repeated a moment later
            String range = tenant.request().header("Idempotency-Key", "open-range").body(Map.of("from", "2026-01-01T00:00:00Z"))
                    .post("/api/v1/webhooks/{id}/replay", webhook).then().statusCode(202).extract().asString();
            assertEquals(range, tenant.request().header("Idempotency-Key", "open-range").body(Map.of("from", "2026-01-01T00:00:00Z"))
                    .post("/api/v1/webhooks/{id}/replay", webhook).then().statusCode(202).extract().asString());
        }
    }

    @Test
    void aRangeReplaySendsAgainTheDroppedDeliveriesOfTheRangeOnly() {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            String webhook = webhook(tenant, receiver, "/range");
            Instant from = Instant.now();
            receiver.answerFirst("/range", 9, 500);
            TestKafkaClient.sendAll("statalog.events", tenant.siteId(), TestEvents.goals(tenant.siteId(), 3));
            await().atMost(WITHIN).until(() -> count(tenant, webhook, "dropped") == 3);
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
            await().atMost(WITHIN).until(() -> count(tenant, webhook, "delivered") == 1);
            Set<String> dropped = ids(tenant, webhook, "dropped");

            // %test: at most 2 per request; next_from asks for the rest
            String nextFrom = tenant.request().body(Map.of("from", from.toString(), "status", "dropped"))
                    .post("/api/v1/webhooks/{id}/replay", webhook)
                    .then().statusCode(202).body("deliveries", equalTo(2)).body("more", equalTo(true)).extract().path("next_from");
            tenant.request().body(Map.of("from", nextFrom, "status", "dropped")).post("/api/v1/webhooks/{id}/replay", webhook)
                    .then().statusCode(202).body("deliveries", equalTo(1)).body("more", equalTo(false)).body("next_from", nullValue());
            await().atMost(WITHIN).until(() -> count(tenant, webhook, "delivered") == 4);
            assertEquals(13, receiver.received("/range").size(), "9 failed attempts, 1 delivery, 3 replays");
            assertEquals(dropped, receiver.received("/range").subList(10, 13).stream()
                    .map(request -> request.header("X-Statalog-Delivery")).collect(Collectors.toSet()));

            tenant.request().body(Map.of("from", from.toString())).post("/api/v1/webhooks/{id}/replay", webhook)
                    .then().statusCode(202).body("deliveries", equalTo(0));
            tenant.request().body(Map.of("from", from.toString(), "to", from.plusSeconds(3600).toString(), "status", "delivered"))
                    .post("/api/v1/webhooks/{id}/replay", webhook).then().statusCode(202).body("deliveries", equalTo(2))
                    .body("more", equalTo(true));
        }
    }

    @Test
    void onlyDeliveriesThatEndedOfTheCallersEnabledWebhooksCanBeReplayed() {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            Tenant intruder = Api.newTenant();
            String webhook = webhook(tenant, receiver, "/refusals");
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
            String delivery = awaitStatus(tenant, webhook, "delivered").getString("items[0].id");

            intruder.request().post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook, delivery).then().statusCode(404);
            intruder.request().body(Map.of("from", "2026-01-01T00:00:00Z")).post("/api/v1/webhooks/{id}/replay", webhook)
                    .then().statusCode(404);
            tenant.request().post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook, "no-such-delivery").then().statusCode(404)
                    .body("detail", equalTo("no such delivery"));

            tenant.request().post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook, delivery).then().statusCode(202);
            tenant.request().post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook, delivery).then().statusCode(409)
                    .contentType("application/problem+json").body("detail", equalTo("the delivery has not ended yet: it is pending"));
            await().atMost(WITHIN).until(() -> receiver.received("/refusals").size() == 2);

            tenant.request().post("/api/v1/webhooks/{id}/test", webhook).then().statusCode(200);
            String test = tenant.request().queryParam("event", "test").get("/api/v1/webhooks/{id}/deliveries", webhook)
                    .then().extract().path("items[0].id");
            tenant.request().post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook, test).then().statusCode(409)
                    .body("detail", equalTo("a Send Test cannot be replayed"));

            tenant.request().body(Map.of("enabled", false)).patch("/api/v1/webhooks/{id}", webhook).then().statusCode(200);
            tenant.request().post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook, delivery).then().statusCode(409)
                    .body("detail", equalTo("the webhook is disabled: enable it, then replay"));
        }
    }

    @Test
    void aReplayNoAttemptHasAnsweredForTheTimeoutCanBeAskedForAgain() {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            String webhook = webhook(tenant, receiver, "/lost-replay");
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
            String delivery = awaitStatus(tenant, webhook, "delivered").getString("items[0].id");
            // as if a replay had been asked for 16 minutes ago and its request lost on the way (timeout: 15 min)
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("UPDATE delivery SET status = 'pending',"
                    + " replay = 1, last_attempt = 0, ended_at = NULL, replay_requested_at = now() - interval '16 minutes'"
                    + " WHERE id = CAST(?1 AS uuid)").setParameter(1, delivery).executeUpdate());

            tenant.request().post("/api/v1/webhooks/{id}/deliveries/{d}/replay", webhook, delivery).then().statusCode(202)
                    .body("deliveries", equalTo(1));
            await().atMost(WITHIN).until(() -> receiver.received("/lost-replay").size() == 2);
            JsonPath log = awaitStatus(tenant, webhook, "delivered");
            assertEquals(2, log.getInt("items[0].replays"));
        }
    }

    @Test
    void aRangeMustBeWellFormed() {
        Tenant tenant = Api.newTenant();
        String webhook = tenant.createWebhook("ranges");
        Map<Object, String> fieldOfRefusal = Map.of(
                Map.of(), "from",
                Map.of("from", "yesterday"), "from",
                Map.of("from", 5), "from",
                Map.of("from", "2026-01-01T00:00:00Z", "to", "2026-13-01T00:00:00Z"), "to",
                Map.of("from", "2026-01-01T00:00:00Z", "status", "retrying"), "status",
                Map.of("from", "2026-01-01T00:00:00Z", "webhook_id", webhook), "webhook_id",
                // instants Java reads but the database cannot store, or only outside RFC 3339's years
                Map.of("from", "-100000-01-01T00:00:00Z"), "from",
                Map.of("from", "+294277-01-01T00:00:00Z"), "from",
                Map.of("from", "0000-12-31T23:59:59.999999Z"), "from",
                Map.of("from", "2026-01-01T00:00:00Z", "to", "+10000-01-01T00:00:00Z"), "to");
        fieldOfRefusal.forEach((body, field) -> tenant.request().body(body).post("/api/v1/webhooks/{id}/replay", webhook)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field)));
        tenant.request().body(Map.of("from", "2026-02-01T00:00:00Z", "to", "2026-01-01T00:00:00Z"))
                .post("/api/v1/webhooks/{id}/replay", webhook).then().statusCode(422).body("errors[0].field", equalTo("to"));
        tenant.request().body(Map.of("from", "0001-01-01T00:00:00Z", "to", "9999-12-31T23:59:59.999999Z"))
                .post("/api/v1/webhooks/{id}/replay", webhook).then().statusCode(202).body("deliveries", equalTo(0));
        tenant.request().header("Idempotency-Key", "x".repeat(256)).body(Map.of("from", "2026-01-01T00:00:00Z"))
                .post("/api/v1/webhooks/{id}/replay", webhook).then().statusCode(400).body("errors[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void replayRequestsAreLimitedPerAccount() {
        Tenant tenant = Api.newTenant();
        Tenant neighbour = Api.newTenant();
        String webhook = tenant.createWebhook("limited");
        for (int i = 0; i < 5; i++) {
            tenant.request().body(Map.of("from", "2026-01-01T00:00:00Z")).post("/api/v1/webhooks/{id}/replay", webhook)
                    .then().statusCode(202);
        }
        tenant.request().body(Map.of("from", "2026-01-01T00:00:00Z")).post("/api/v1/webhooks/{id}/replay", webhook)
                .then().statusCode(429).contentType("application/problem+json").header("Retry-After", notNullValue());
        neighbour.request().body(Map.of("from", "2026-01-01T00:00:00Z"))
                .post("/api/v1/webhooks/{id}/replay", neighbour.createWebhook("own limit")).then().statusCode(202);
    }

    private static String webhook(Tenant tenant, Receiver receiver, String path) {
        var created = tenant.request().body(Map.of("name", path, "url", receiver.url(path), "events", List.of("goal.converted")))
                .post("/api/v1/webhooks").then().statusCode(201).extract();
        receiver.verifyingWith(created.path("secret"));
        String id = created.path("id");
        Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), id);
        return id;
    }

    private static JsonPath awaitStatus(Tenant tenant, String webhook, String status) {
        await().atMost(WITHIN).until(() -> count(tenant, webhook, status) > 0);
        return tenant.request().queryParam("status", status).get("/api/v1/webhooks/{id}/deliveries", webhook).jsonPath();
    }

    private static int count(Tenant tenant, String webhook, String status) {
        return ids(tenant, webhook, status).size();
    }

    private static Set<String> ids(Tenant tenant, String webhook, String status) {
        List<String> ids = tenant.request().queryParam("status", status).get("/api/v1/webhooks/{id}/deliveries", webhook)
                .then().statusCode(200).extract().path("items.id");
        return Set.copyOf(ids);
    }
}
