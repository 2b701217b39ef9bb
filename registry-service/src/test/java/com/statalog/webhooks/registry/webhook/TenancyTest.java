package com.statalog.webhooks.registry.webhook;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import com.statalog.webhooks.contracts.attempt.AttemptRecord;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.delivery.DeliveryLog;

/** Every route and verb, across accounts: another account's webhook is exactly as absent as a missing one. */
@QuarkusTest
class TenancyTest {

    @Inject
    DeliveryLog log;

    /** Each webhook route: how to call it on a webhook id. */
    private static final Map<String, BiFunction<RequestSpecification, String, Response>> WEBHOOK_ROUTES = Map.of(
            "GET", (request, id) -> request.get("/api/v1/webhooks/{id}", id),
            "PATCH", (request, id) -> request.body(Map.of("name", "hijacked")).patch("/api/v1/webhooks/{id}", id),
            "DELETE", (request, id) -> request.delete("/api/v1/webhooks/{id}", id),
            "POST rotate-secret", (request, id) -> request.post("/api/v1/webhooks/{id}/rotate-secret", id),
            "GET deliveries", (request, id) -> request.get("/api/v1/webhooks/{id}/deliveries", id),
            "GET deliveries filtered", (request, id) -> request.queryParam("status", "delivered").queryParam("event", "goal.converted")
                    .queryParam("limit", 1).get("/api/v1/webhooks/{id}/deliveries", id),
            "POST test", (request, id) -> request.post("/api/v1/webhooks/{id}/test", id),
            "POST replay", (request, id) -> request.post("/api/v1/webhooks/{id}/deliveries/{d}/replay", id, UUID.randomUUID()),
            "POST range replay", (request, id) -> request.body(Map.of("from", "2026-01-01T00:00:00Z"))
                    .post("/api/v1/webhooks/{id}/replay", id));

    @Test
    void anotherAccountsWebhookAnswersExactlyLikeAMissingOne() {
        Tenant owner = Api.newTenant();
        Tenant intruder = Api.newTenant();
        String id = owner.createWebhook("private");
        String missing = UUID.randomUUID().toString();

        WEBHOOK_ROUTES.forEach((route, call) -> {
            Response foreign = call.apply(intruder.request(), id);
            Response absent = call.apply(intruder.request(), missing);
            assertEquals(404, foreign.statusCode(), route);
            assertEquals(absent.statusCode(), foreign.statusCode(), route);
            assertEquals(absent.body().asString(), foreign.body().asString(), route);
            assertEquals(absent.contentType(), foreign.contentType(), route);
        });

        owner.request().when().get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo("private"));
        intruder.request().when().get("/api/v1/webhooks").then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void anAccountListsItsOwnSitesOnly() {
        Tenant owner = Api.newTenant();
        Tenant other = Api.newTenant();
        String second = "ST-" + owner.siteId().substring(3) + "-2";
        Api.operator().body(Map.of("site_id", second)).post("/api/v1/accounts/{id}/sites", owner.accountId()).then().statusCode(201);

        owner.request().get("/api/v1/sites").then().statusCode(200)
                .body("items.site_id", org.hamcrest.Matchers.contains(owner.siteId(), second));
        other.request().get("/api/v1/sites").then().statusCode(200)
                .body("items.site_id", org.hamcrest.Matchers.contains(other.siteId()));
    }

    @Test
    void aCursorFromAnotherAccountShowsNothingOfIt() {
        Tenant owner = Api.newTenant();
        Tenant intruder = Api.newTenant();
        owner.createWebhook("a");
        owner.createWebhook("b");
        String ownersCursor = owner.request().queryParam("limit", 1).when().get("/api/v1/webhooks")
                .then().extract().path("next_cursor");
        intruder.request().queryParam("cursor", ownersCursor).when().get("/api/v1/webhooks")
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(0));
    }

    @Test
    void anotherAccountsSiteCannotBeWatchedAndIsRefusedExactlyLikeAMissingOne() {
        Tenant owner = Api.newTenant();
        Tenant intruder = Api.newTenant();
        String intrudersWebhook = intruder.createWebhook("mine");
        for (String site : List.of(owner.siteId(), "ST-NO-SUCH-SITE")) {
            intruder.request().body(Map.of("name", "watch", "url", "https://hooks.example.com/statalog", "events", List.of("goal.converted"),
                    "site_id", site)).post("/api/v1/webhooks")
                    .then().statusCode(422).body("errors[0].field", equalTo("site_id")).body("errors[0].message", equalTo("is not a site of this account"));
            intruder.request().body(Map.of("site_id", site)).patch("/api/v1/webhooks/{id}", intrudersWebhook)
                    .then().statusCode(422).body("errors[0].message", equalTo("is not a site of this account"));
        }
    }

    @Test
    void aDeliveryLogCursorFromAnotherAccountShowsNothingOfIt() {
        Tenant owner = Api.newTenant();
        Tenant intruder = Api.newTenant();
        String ownersWebhook = owner.createWebhook("logged");
        String intrudersWebhook = intruder.createWebhook("empty log");
        Instant at = Instant.now();
        log.applyAll(IntStream.range(0, 3).mapToObj(i -> new AttemptRecord(UUID.randomUUID().toString(), UUID.fromString(ownersWebhook),
                UUID.fromString(owner.accountId()), "goal.converted", owner.siteId(), 0, 1, at.minusSeconds(i), 5, 200, null, null, "delivered", null,
                at.minusSeconds(i), null, null))
                .toList());
        String ownersCursor = owner.request().queryParam("limit", 1).get("/api/v1/webhooks/{id}/deliveries", ownersWebhook)
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(1)).extract().path("next_cursor");

        intruder.request().queryParam("cursor", ownersCursor).get("/api/v1/webhooks/{id}/deliveries", intrudersWebhook)
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(0));
        intruder.request().queryParam("cursor", ownersCursor).get("/api/v1/webhooks/{id}/deliveries", ownersWebhook)
                .then().statusCode(404);
        owner.request().queryParam("cursor", ownersCursor).get("/api/v1/webhooks/{id}/deliveries", ownersWebhook)
                .then().statusCode(200).body("items", org.hamcrest.Matchers.hasSize(2));
    }

    @Test
    void missingOrWrongCredentialsAre401AndAccountKeysAre403OnOperatorRoutes() {
        Tenant tenant = Api.newTenant();
        String id = tenant.createWebhook("guarded");
        List<Supplier<RequestSpecification>> unauthenticated = List.of(
                () -> given().contentType(ContentType.JSON),
                () -> given().auth().oauth2("slk_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                        .contentType(ContentType.JSON),
                () -> given().auth().oauth2(tenant.apiKey() + "x").contentType(ContentType.JSON),
                () -> given().header("Authorization", "Basic dXNlcjpwYXNz").contentType(ContentType.JSON));
        for (Supplier<RequestSpecification> request : unauthenticated) {
            WEBHOOK_ROUTES.forEach((route, call) -> assertEquals(401, call.apply(request.get(), id).statusCode(), route));
            request.get().get("/api/v1/webhooks").then().statusCode(401);
            request.get().body(Map.of("name", "x")).post("/api/v1/webhooks").then().statusCode(401);
            request.get().body(Map.of("name", "x")).post("/api/v1/accounts").then().statusCode(401);
        }

        tenant.request().body(Map.of("name", "mine now")).when().post("/api/v1/accounts").then().statusCode(403);
        tenant.request().body(Map.of("site_id", "ST-STOLEN")).when().post("/api/v1/accounts/{id}/sites", tenant.accountId())
                .then().statusCode(403);
        tenant.request().when().post("/api/v1/accounts/{id}/api-keys", tenant.accountId()).then().statusCode(403);
        tenant.request().when().post("/internal/v1/config/republish").then().statusCode(403);
        Api.operator().when().get("/api/v1/webhooks").then().statusCode(403);
    }
}
