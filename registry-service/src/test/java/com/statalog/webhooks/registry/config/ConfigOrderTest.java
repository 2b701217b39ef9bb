package com.statalog.webhooks.registry.config;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.registry.WithDeliveries;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Republishing (at every registry start, or asked for) reads a snapshot of every webhook while
 * changes keep committing; a change relayed before the snapshot's older copy of the same webhook
 * used to be overwritten by it in the dispatcher. Every configuration message now carries the
 * entity's version and consumers ignore older ones: whatever republishes race a burst of URL
 * changes, rotations and disables, the real dispatcher ends at the latest state, and a real
 * delivery goes to the latest URL, signed with the latest secret.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class ConfigOrderTest {

    /** Even: the last round leaves the webhook enabled, for the delivery that checks the secret. */
    private static final int ROUNDS = 8;

    @Test
    void theDispatcherEndsAtTheLatestStateWhateverRepublishRacesTheChanges() {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            // more webhooks make each republish take longer: the window a change can overtake it in
            for (int i = 0; i < 150; i++) {
                tenant.createWebhook("filler " + i);
            }
            String webhook = tenant.request().body(Map.of("name", "order", "url", receiver.url("/round-0"), "events",
                    List.of("goal.converted"), "site_id", tenant.siteId())).post("/api/v1/webhooks")
                    .then().statusCode(201).extract().path("id");
            String secret = null;
            for (int round = 1; round <= ROUNDS; round++) {
                // the change commits while a republish reads its snapshot: the snapshot's copy is relayed after it
                CompletableFuture<Void> republish = CompletableFuture.runAsync(ConfigOrderTest::republish);
                String url = receiver.url("/round-" + round);
                boolean enabled = round % 2 == 0;
                patch(tenant, webhook, Map.of("url", url, "enabled", enabled));
                secret = tenant.request().post("/api/v1/webhooks/{id}/rotate-secret", webhook).then().statusCode(200)
                        .extract().path("secret");
                republish.join();
                // and stays there: an older copy relayed late would move it back within the relay's second
                String expected = url + " " + enabled;
                await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(2)).until(() -> expected.equals(loaded(webhook)));
            }
            receiver.verifyingWith(secret);

            String last = "/round-" + ROUNDS;
            TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
            await().atMost(Duration.ofSeconds(30)).until(() -> !receiver.received(last).isEmpty());
            assertTrue(receiver.received(last).get(0).signatureValid(), "signed with the latest secret");
        }
    }

    private static void patch(Tenant tenant, String webhook, Map<String, Object> changes) {
        tenant.request().body(changes).patch("/api/v1/webhooks/{id}", webhook).then().statusCode(200);
    }

    private static void republish() {
        Api.operator().auth().oauth2(Api.SERVICE).when().post("/internal/v1/config/republish").then().statusCode(200);
    }

    /** The URL and enabled flag the dispatcher holds for the webhook now, or null while it holds none. */
    private static String loaded(String webhook) {
        var response = given().auth().oauth2(Api.SERVICE).get(DispatcherTestResource.url() + "/internal/v1/config/webhooks/{id}", webhook);
        return response.statusCode() == 200 ? response.path("url") + " " + response.path("enabled") : null;
    }
}
