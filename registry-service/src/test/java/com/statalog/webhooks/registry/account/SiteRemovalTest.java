package com.statalog.webhooks.registry.account;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.registry.WithDeliveries;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Removing a site deletes the webhooks bound to it and stops the account's all-sites webhooks
 * receiving its events, at the real dispatcher; the site id can then be another account's.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class SiteRemovalTest {

    static final Receiver RECEIVER = new Receiver();

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aRemovedSitesWebhooksAreDeletedAndItsEventsReachNoWebhook() {
        Tenant tenant = Api.newTenant();
        String kept = "ST-KEPT-" + tenant.siteId().substring(3);
        Api.operator().body(Map.of("site_id", kept)).post("/api/v1/accounts/{id}/sites", tenant.accountId()).then().statusCode(201);
        String bound = webhook(tenant, "/bound", tenant.siteId());
        String allSites = webhook(tenant, "/all-sites", null);
        Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), bound);
        Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), allSites);

        Api.operator().delete("/api/v1/accounts/{id}/sites/{site}", tenant.accountId(), tenant.siteId()).then().statusCode(204);
        tenant.request().get("/api/v1/webhooks/{id}", bound).then().statusCode(404);
        tenant.request().get("/api/v1/sites").then().statusCode(200).body("items.site_id", contains(kept));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Api.SERVICE)
                .get(DispatcherTestResource.url() + "/internal/v1/config/webhooks/{id}", bound).statusCode() == 404);

        TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
        TestKafkaClient.send("statalog.events", kept, TestEvents.goal(kept));
        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.received("/all-sites").size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> RECEIVER.received("/all-sites").size() == 1
                && RECEIVER.received("/bound").isEmpty());
        assertEquals(List.of(true), RECEIVER.received("/all-sites").stream()
                .map(delivery -> new String(delivery.body()).contains("\"site_id\":\"" + kept + "\"")).toList());

        // gone: a second removal, and another account's site, are 404
        Api.operator().delete("/api/v1/accounts/{id}/sites/{site}", tenant.accountId(), tenant.siteId()).then().statusCode(404);
        Tenant other = Api.newTenant();
        Api.operator().delete("/api/v1/accounts/{id}/sites/{site}", tenant.accountId(), other.siteId()).then().statusCode(404);
        other.request().get("/api/v1/sites").then().body("items", hasSize(1));
    }

    @Test
    void aRemovedSiteIdCanBecomeAnotherAccountsAndDeliversToItsWebhooksOnly() {
        Tenant first = Api.newTenant();
        webhook(first, "/first-owner", first.siteId());
        Api.operator().delete("/api/v1/accounts/{id}/sites/{site}", first.accountId(), first.siteId()).then().statusCode(204);

        Tenant second = Api.newTenant();
        Api.operator().body(Map.of("site_id", first.siteId())).post("/api/v1/accounts/{id}/sites", second.accountId())
                .then().statusCode(201);
        String webhook = webhook(second, "/second-owner", null);
        Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook);
        // the site's new owner is known once its all-sites webhook receives the site's events
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            if (RECEIVER.received("/second-owner").isEmpty()) {
                TestKafkaClient.send("statalog.events", first.siteId(), TestEvents.goal(first.siteId()));
            }
            return !RECEIVER.received("/second-owner").isEmpty();
        });
        assertEquals(List.of(), RECEIVER.received("/first-owner"));
        second.request().get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200);
    }

    private static String webhook(Tenant tenant, String path, String site) {
        Map<String, Object> body = new HashMap<>(Map.of("name", path, "url", RECEIVER.url(path), "events", List.of("goal.converted")));
        if (site != null) {
            body.put("site_id", site);
        }
        return tenant.request().body(body).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }
}
