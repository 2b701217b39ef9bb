package com.statalog.webhooks.registry.limit;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
 * An account meets each of its limits with a 409 problem naming the limit and its value, and
 * nothing of the refused create exists; the operator raises (or lowers) a limit for one account.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class AccountLimitsTest {

    static final Receiver RECEIVER = new Receiver();

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    /** The largest webhook the API takes: a 2 048-character URL and a goal filter of 50 names of 100 characters. */
    private static Map<String, Object> largestWebhook(int i) {
        String url = "https://hooks.example.com/" + "p".repeat(2048 - "https://hooks.example.com/".length());
        List<String> names = new ArrayList<>();
        for (int n = 0; n < 50; n++) {
            names.add(String.format("%03d-%d-", n, i) + "g".repeat(100 - String.format("%03d-%d-", n, i).length()));
        }
        return Map.of("name", "n".repeat(100), "url", url, "events", List.of("goal.converted"), "goals", Map.of("names", names));
    }

    @Test
    void anAccountCreatingWebhooksInALoopMeetsItsLimitAndTheOperatorRaisesIt() {
        Tenant tenant = Api.newTenant();
        Api.operator().body(Map.of("webhooks", 3)).put("/api/v1/accounts/{id}/limits", tenant.accountId())
                .then().statusCode(200).body("webhooks.limit", equalTo(3)).body("webhooks.overridden", equalTo(true))
                .body("webhooks.used", equalTo(0)).body("sites.overridden", equalTo(false));
        for (int i = 0; i < 3; i++) {
            tenant.request().body(largestWebhook(i)).post("/api/v1/webhooks").then().statusCode(201);
        }
        for (int i = 3; i < 6; i++) {
            tenant.request().body(largestWebhook(i)).post("/api/v1/webhooks").then().statusCode(409)
                    .contentType("application/problem+json").body("status", equalTo(409))
                    .body("limit.name", equalTo("webhooks")).body("limit.value", equalTo(3));
        }
        tenant.request().get("/api/v1/webhooks").then().statusCode(200).body("items", hasSize(3));
        Api.operator().get("/api/v1/accounts/{id}/limits", tenant.accountId())
                .then().statusCode(200).body("webhooks.used", equalTo(3)).body("webhooks.limit", equalTo(3));

        Api.operator().body(Map.of("webhooks", 4)).put("/api/v1/accounts/{id}/limits", tenant.accountId()).then().statusCode(200);
        tenant.request().body(largestWebhook(4)).post("/api/v1/webhooks").then().statusCode(201);
        tenant.request().body(largestWebhook(5)).post("/api/v1/webhooks").then().statusCode(409).body("limit.value", equalTo(4));

        // back to the default: an empty body clears every override
        Api.operator().body(Map.of()).put("/api/v1/accounts/{id}/limits", tenant.accountId())
                .then().statusCode(200).body("webhooks.limit", equalTo(500)).body("webhooks.overridden", equalTo(false));
        tenant.request().body(largestWebhook(5)).post("/api/v1/webhooks").then().statusCode(201);
    }

    @Test
    void anAccountFillingItsLimitInALoopLeavesOtherAccountsDeliveriesAlone() {
        Tenant busy = Api.newTenant();
        Api.operator().body(Map.of("webhooks", 60)).put("/api/v1/accounts/{id}/limits", busy.accountId()).then().statusCode(200);
        int created = 0;
        while (busy.request().body(largestWebhook(created)).post("/api/v1/webhooks").statusCode() == 201) {
            created++;
        }
        assertEquals(60, created);

        Tenant neighbour = Api.newTenant();
        String webhook = neighbour.request().body(Map.of("name", "neighbour", "url", RECEIVER.url("/neighbour"),
                "events", List.of("goal.converted"), "site_id", neighbour.siteId())).post("/api/v1/webhooks")
                .then().statusCode(201).extract().path("id");
        Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook);
        TestKafkaClient.send("statalog.events", neighbour.siteId(), TestEvents.goal(neighbour.siteId()));
        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.received("/neighbour").size() == 1);
    }

    @Test
    void anotherAccountIsNotLimitedByOnesOverride() {
        Tenant limited = Api.newTenant();
        Tenant neighbour = Api.newTenant();
        Api.operator().body(Map.of("webhooks", 0)).put("/api/v1/accounts/{id}/limits", limited.accountId()).then().statusCode(200);

        limited.request().body(largestWebhook(0)).post("/api/v1/webhooks").then().statusCode(409);
        neighbour.createWebhook("unaffected");
    }

    @Test
    void apiKeysAndSitesHaveLimitsToo() {
        Tenant tenant = Api.newTenant();
        // the default: 20 keys; the tenant was issued one
        for (int i = 1; i < 20; i++) {
            Api.operator().post("/api/v1/accounts/{id}/api-keys", tenant.accountId()).then().statusCode(201);
        }
        Api.operator().post("/api/v1/accounts/{id}/api-keys", tenant.accountId()).then().statusCode(409)
                .body("limit.name", equalTo("api_keys")).body("limit.value", equalTo(20));

        Api.operator().body(Map.of("sites", 1)).put("/api/v1/accounts/{id}/limits", tenant.accountId()).then().statusCode(200);
        Api.operator().body(Map.of("site_id", "ST-" + UUID.randomUUID())).post("/api/v1/accounts/{id}/sites", tenant.accountId())
                .then().statusCode(409).body("limit.name", equalTo("sites")).body("limit.value", equalTo(1));
        tenant.request().get("/api/v1/sites").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void concurrentCreatesCannotBothTakeTheLastPlace() throws Exception {
        Tenant tenant = Api.newTenant();
        tenant.createWebhook("first");
        Api.operator().body(Map.of("webhooks", 2)).put("/api/v1/accounts/{id}/limits", tenant.accountId()).then().statusCode(200);
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> creates = Collections.nCopies(6,
                    () -> tenant.request().body(largestWebhook(7)).post("/api/v1/webhooks").statusCode());
            Map<Integer, Integer> statuses = new HashMap<>();
            for (Future<Integer> status : pool.invokeAll(creates)) {
                statuses.merge(status.get(), 1, Integer::sum);
            }
            assertEquals(Map.of(201, 1, 409, 5), statuses);
        } finally {
            pool.shutdownNow();
        }
        tenant.request().get("/api/v1/webhooks").then().statusCode(200).body("items", hasSize(2));
    }

    @Test
    void overridesAreCheckedAndOnlyForAccountsThatExist() {
        Tenant tenant = Api.newTenant();
        Api.operator().body(Map.of("webhooks", -1, "api_keys", 101)).put("/api/v1/accounts/{id}/limits", tenant.accountId())
                .then().statusCode(400).contentType("application/problem+json").body("errors", hasSize(2))
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("webhooks", "api_keys"));
        Api.operator().body(Map.of("sites", 10_001)).put("/api/v1/accounts/{id}/limits", tenant.accountId())
                .then().statusCode(400).body("errors[0].field", equalTo("sites"));
        Api.operator().body(Map.of("sites", 2)).put("/api/v1/accounts/{id}/limits", UUID.randomUUID()).then().statusCode(404);
        Api.operator().get("/api/v1/accounts/{id}/limits", UUID.randomUUID()).then().statusCode(404);
        tenant.request().get("/api/v1/accounts/{id}/limits", tenant.accountId()).then().statusCode(403);
    }
}
