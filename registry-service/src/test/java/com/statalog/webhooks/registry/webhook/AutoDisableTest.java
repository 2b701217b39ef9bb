package com.statalog.webhooks.registry.webhook;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.Schemas;
import com.statalog.webhooks.contracts.attempt.AttemptRecord;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.registry.WithDeliveries;
import com.statalog.webhooks.registry.delivery.DeliveryLog;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * A webhook is disabled, with a reason the API shows and a notice to its account, when its
 * endpoint answers 410 Gone (at once) or when all its deliveries have been dropped for
 * statalog.auto-disable.after (5 days, at least 10 dropped); re-enabling clears it.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class AutoDisableTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final byte[] BODY = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    DeliveryLog log;

    @Inject
    EntityManager entityManager;

    @Test
    void goneDisablesTheWebhookAtOnceTellsTheAccountAndReEnablingClearsIt() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            String webhook = tenant.request().body(Map.of("name", "gone", "url", receiver.url("/gone"), "events",
                    List.of("goal.converted"))).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook);
            receiver.answer("/gone", 410);
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));

            await().atMost(WITHIN).until(() -> !tenant.request().get("/api/v1/webhooks/{id}", webhook).jsonPath().getBoolean("enabled"));
            tenant.request().get("/api/v1/webhooks/{id}", webhook).then()
                    .body("disabled_reason", equalTo("endpoint_gone")).body("disabled_at", notNullValue());
            var notices = TestKafkaClient.readUntil("statalog.account-notifications",
                    record -> tenant.accountId().equals(record.key()), WITHIN);
            String written = TestKafkaClient.text(notices.get(notices.size() - 1).value());
            assertEquals(Set.of(), Schemas.check("notification.schema.json", written), "the notice follows its contract");
            JsonNode notice = json.readTree(written);
            assertEquals("webhook.disabled", notice.get("type").asText());
            assertEquals(webhook, notice.get("webhook_id").asText());
            assertEquals("endpoint_gone", notice.get("reason").asText());
            assertEquals("the endpoint answered 410 Gone", notice.get("message").asText());

            // the dispatcher learns it: the next event is not sent
            await().atMost(WITHIN).until(() -> !RestAssured.given().auth().oauth2(Api.SERVICE)
                    .get(DispatcherTestResource.url() + "/internal/v1/config/webhooks/{id}", webhook).jsonPath().getBoolean("enabled"));
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> receiver.received("/gone").size() == 1);
            assertEquals(List.of(1), tenant.request().queryParam("status", "dropped").get("/api/v1/webhooks/{id}/deliveries", webhook)
                    .jsonPath().getList("items.attempts[0].attempt"), "dropped after its first attempt, no retry");

            tenant.request().body(Map.of("enabled", true)).patch("/api/v1/webhooks/{id}", webhook).then().statusCode(200)
                    .body("enabled", equalTo(true)).body("disabled_reason", nullValue()).body("disabled_at", nullValue());
        }
    }

    @Test
    void aWebhookWhoseDeliveriesHaveAllBeenDroppedForFiveDaysIsDisabled() {
        Tenant tenant = Api.newTenant();
        String webhook = enabledSevenDaysAgo(tenant);
        dropped(tenant, webhook, 10, Duration.ofDays(6));

        assertDisabledFor(tenant, webhook, "deliveries_failing");
    }

    @Test
    void fewerDropsThanTheMinimumARecentSuccessOrAShorterSpanLeaveItEnabled() {
        Tenant tenant = Api.newTenant();
        String tooFew = enabledSevenDaysAgo(tenant);
        dropped(tenant, tooFew, 9, Duration.ofDays(6));
        String recovered = enabledSevenDaysAgo(tenant);
        // one batch, as the records would come together after a consumer lag: judged with the success in it
        List<AttemptRecord> failedThenRecovered = new java.util.ArrayList<>(drops(tenant, recovered, 10, Duration.ofDays(6)));
        failedThenRecovered.add(record(tenant, recovered, "delivered", Instant.now().minus(Duration.ofDays(1)), 200));
        failedThenRecovered.add(record(tenant, recovered, "dropped", Instant.now().minus(Duration.ofHours(1)), 500));
        log.applyAll(failedThenRecovered);
        String recent = enabledSevenDaysAgo(tenant);
        dropped(tenant, recent, 20, Duration.ofDays(4));

        for (String webhook : List.of(tooFew, recovered, recent)) {
            tenant.request().get("/api/v1/webhooks/{id}", webhook).then().body("enabled", equalTo(true))
                    .body("disabled_reason", nullValue());
        }
    }

    @Test
    void dropsFromBeforeTheWebhookWasReEnabledDoNotCount() {
        Tenant tenant = Api.newTenant();
        String webhook = enabledSevenDaysAgo(tenant);
        tenant.request().body(Map.of("enabled", false)).patch("/api/v1/webhooks/{id}", webhook).then()
                .body("disabled_reason", equalTo("manual"));
        tenant.request().body(Map.of("enabled", true)).patch("/api/v1/webhooks/{id}", webhook).then()
                .body("disabled_reason", nullValue());
        // read late: dropped days ago, before the account enabled it again
        dropped(tenant, webhook, 10, Duration.ofDays(6));
        log.applyAll(List.of(goneRecord(tenant, webhook, Instant.now().minus(Duration.ofDays(1)))));

        tenant.request().get("/api/v1/webhooks/{id}", webhook).then().body("enabled", equalTo(true));
    }

    private String enabledSevenDaysAgo(Tenant tenant) {
        String webhook = tenant.createWebhook("failing");
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("UPDATE webhook SET enabled_at = now() - interval '7 days' WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, webhook).executeUpdate());
        return webhook;
    }

    /** {@code count} deliveries dropped, evenly from {@code since} ago until now. */
    private void dropped(Tenant tenant, String webhook, int count, Duration since) {
        log.applyAll(drops(tenant, webhook, count, since));
    }

    private static List<AttemptRecord> drops(Tenant tenant, String webhook, int count, Duration since) {
        Instant now = Instant.now();
        return IntStream.range(0, count).mapToObj(i -> record(tenant, webhook, "dropped",
                now.minus(since).plus(since.dividedBy(count).multipliedBy(i)), 500)).toList();
    }

    private static AttemptRecord record(Tenant tenant, String webhook, String state, Instant at, int status) {
        return new AttemptRecord(UUID.randomUUID().toString(), UUID.fromString(webhook), UUID.fromString(tenant.accountId()),
                "goal.converted", tenant.siteId(), 0, 3, at, 5, status, status == 200 ? null : "http_status", null, state, BODY,
                at.minusSeconds(180), null, null);
    }

    private static AttemptRecord goneRecord(Tenant tenant, String webhook, Instant at) {
        return new AttemptRecord(UUID.randomUUID().toString(), UUID.fromString(webhook), UUID.fromString(tenant.accountId()),
                "goal.converted", tenant.siteId(), 0, 1, at, 5, 410, "http_status", null, "dropped", BODY, at, null, null);
    }

    private static void assertDisabledFor(Tenant tenant, String webhook, String reason) {
        var view = tenant.request().get("/api/v1/webhooks/{id}", webhook).then().statusCode(200).extract().jsonPath();
        assertEquals(false, view.getBoolean("enabled"));
        assertEquals(reason, view.getString("disabled_reason"));
        assertTrue(Instant.parse(view.getString("disabled_at")).isAfter(Instant.now().minusSeconds(60)));
    }
}
