package com.statalog.webhooks.registry.delivery;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** Attempt records read twice, or late, change nothing: the log shows each attempt once and the newest state. */
@QuarkusTest
class DeliveryLogIdempotenceTest {

    private static final Instant MADE = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void aRecordSeenTwiceAndAnOldRecordSeenLateChangeNothing() {
        Tenant tenant = Api.newTenant();
        String webhook = tenant.createWebhook("idempotent");
        String delivery = UUID.randomUUID().toString();
        String first = record(delivery, webhook, tenant.accountId(), 1, 500, "http_status", "retrying");
        String second = record(delivery, webhook, tenant.accountId(), 2, 200, null, "delivered");

        TestKafkaClient.send("statalog.webhook-attempts", webhook, first);
        TestKafkaClient.send("statalog.webhook-attempts", webhook, first);
        TestKafkaClient.send("statalog.webhook-attempts", webhook, second);
        TestKafkaClient.send("statalog.webhook-attempts", webhook, first);
        TestKafkaClient.send("statalog.webhook-attempts", webhook, second);
        String marker = UUID.randomUUID().toString();
        TestKafkaClient.send("statalog.webhook-attempts", webhook, record(marker, webhook, tenant.accountId(), 1, 200, null,
                "delivered"));

        // records of one webhook are read in order: once the marker is in, so is everything before it
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tenant.request()
                .get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).body("items", hasSize(2)));
        tenant.request().get("/api/v1/webhooks/{id}/deliveries", webhook).then()
                .body("items.find { it.id == '" + delivery + "' }.status", equalTo("delivered"))
                .body("items.find { it.id == '" + delivery + "' }.attempts.attempt", contains(1, 2))
                .body("items.find { it.id == '" + delivery + "' }.attempts.status_code", contains(500, 200));
    }

    private static String record(String delivery, String webhook, String account, int attempt, Integer status, String error,
            String state) {
        return "{\"delivery_id\":\"" + delivery + "\",\"webhook_id\":\"" + webhook + "\",\"account_id\":\"" + account
                + "\",\"event\":\"goal.converted\",\"site_id\":\"ST-X\",\"attempt\":" + attempt + ",\"at\":\""
                + MADE.plusSeconds(attempt) + "\",\"created_at\":\"" + MADE + "\",\"duration_ms\":12,\"status_code\":" + status + ",\"error\":"
                + (error == null ? "null" : "\"" + error + "\"") + ",\"response_excerpt\":\"ok\",\"state\":\"" + state + "\"}";
    }
}
