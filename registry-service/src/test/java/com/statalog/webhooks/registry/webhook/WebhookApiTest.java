package com.statalog.webhooks.registry.webhook;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;

@QuarkusTest
class WebhookApiTest {

    @Test
    void createAnswers201WithTheWebhookItsDefaultsAndTheSecretOnce() {
        Tenant tenant = Api.newTenant();
        String id = tenant.request()
                .body(Map.of("name", "Slack goal alerts", "url", "https://hooks.example.com/statalog", "events",
                        List.of("traffic.spike", "goal.converted")))
                .when().post("/api/v1/webhooks")
                .then().statusCode(201)
                .body("name", equalTo("Slack goal alerts"))
                .body("url", equalTo("https://hooks.example.com/statalog"))
                .body("events", contains("goal.converted", "traffic.spike"))
                .body("site_id", nullValue())
                .body("spike_threshold_pct", equalTo(50.0f))
                .body("drop_threshold_pct", equalTo(50.0f))
                .body("enabled", equalTo(true))
                .body("created_at", notNullValue())
                .body("secret", matchesPattern("whsec_[A-Za-z0-9+/]{43}="))
                .extract().path("id");

        tenant.request().when().get("/api/v1/webhooks/{id}", id)
                .then().statusCode(200).body("id", equalTo(id)).body("$", not(hasKey("secret")));
    }

    @Test
    void createTakesASiteOfTheAccountThresholdsAndEnabled() {
        Tenant tenant = Api.newTenant();
        tenant.request()
                .body(Map.of("name", "Drops", "url", "https://hooks.example.com/drops", "events", List.of("traffic.drop"),
                        "site_id", tenant.siteId(), "spike_threshold_pct", 120.5, "drop_threshold_pct", 30, "enabled", false))
                .when().post("/api/v1/webhooks")
                .then().statusCode(201)
                .body("site_id", equalTo(tenant.siteId()))
                .body("spike_threshold_pct", equalTo(120.5f))
                .body("drop_threshold_pct", equalTo(30.0f))
                .body("enabled", equalTo(false));
    }

    @Test
    void aSiteOfAnotherAccountIsRefused() {
        Tenant tenant = Api.newTenant();
        Tenant other = Api.newTenant();
        tenant.request()
                .body(Map.of("name", "x", "url", "https://hooks.example.com/x", "events", List.of("goal.converted"),
                        "site_id", other.siteId()))
                .when().post("/api/v1/webhooks")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("site_id"));
    }

    @Test
    void listIsPaginatedOldestFirstWithAnOpaqueCursor() {
        Tenant tenant = Api.newTenant();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(tenant.createWebhook("hook " + i));
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = tenant.request().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/webhooks").then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            cursor = page.getString("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(created, seen);
        assertEquals(3, pages);
    }

    @Test
    void patchChangesOnlyTheGivenFields() {
        Tenant tenant = Api.newTenant();
        String id = tenant.createWebhook("before");
        tenant.request()
                .body(Map.of("name", "after", "enabled", false, "events", List.of("traffic.drop"), "drop_threshold_pct", 25,
                        "site_id", tenant.siteId()))
                .when().patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(200)
                .body("name", equalTo("after")).body("enabled", equalTo(false))
                .body("events", contains("traffic.drop")).body("drop_threshold_pct", equalTo(25.0f))
                .body("spike_threshold_pct", equalTo(50.0f)).body("site_id", equalTo(tenant.siteId()))
                .body("url", equalTo("https://hooks.example.com/statalog"))
                .body("$", not(hasKey("secret")));

        tenant.request().body("{\"site_id\":null,\"url\":\"https://other.example.com/new\"}")
                .when().patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(200).body("site_id", nullValue()).body("url", equalTo("https://other.example.com/new"));
    }

    @Test
    void deleteAnswers204AndTheWebhookIsGone() {
        Tenant tenant = Api.newTenant();
        String id = tenant.createWebhook("short-lived");
        tenant.request().when().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        tenant.request().when().get("/api/v1/webhooks/{id}", id).then().statusCode(404);
        tenant.request().when().delete("/api/v1/webhooks/{id}", id).then().statusCode(404);
    }

    @Test
    void rotateSecretAnswersANewSecret() {
        Tenant tenant = Api.newTenant();
        String first = tenant.request()
                .body(Map.of("name", "r", "url", "https://hooks.example.com/r", "events", List.of("goal.converted")))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract().path("secret");
        String id = tenant.request().when().get("/api/v1/webhooks").then().extract().path("items[0].id");
        String second = tenant.request().when().post("/api/v1/webhooks/{id}/rotate-secret", id)
                .then().statusCode(200).body("secret", startsWith("whsec_")).extract().path("secret");
        assertNotEquals(first, second);
    }

    @Test
    void badInputAnswers400NamingTheField() {
        Tenant tenant = Api.newTenant();
        Map<String, Object> valid = Map.of("name", "n", "url", "https://hooks.example.com/x", "events", List.of("goal.converted"));
        assertBadField(tenant, with(valid, "name", ""), "name");
        assertBadField(tenant, with(valid, "name", "x".repeat(101)), "name");
        assertBadField(tenant, with(valid, "events", List.of()), "events");
        assertBadField(tenant, with(valid, "events", List.of("page.viewed")), "events");
        assertBadField(tenant, with(valid, "spike_threshold_pct", 0), "spike_threshold_pct");
        assertBadField(tenant, with(valid, "drop_threshold_pct", -5), "drop_threshold_pct");
        assertBadField(tenant, with(valid, "drop_threshold_pct", 101), "drop_threshold_pct");
        assertBadField(tenant, with(valid, "colour", "blue"), "colour");
        assertBadField(tenant, with(valid, "events", "goal.converted"), "events");
        assertBadField(tenant, with(valid, "enabled", "yes"), "enabled");
        tenant.request().body("{\"name\": ").when().post("/api/v1/webhooks")
                .then().statusCode(400).contentType("application/problem+json").body("detail", org.hamcrest.Matchers.containsString("JSON"));
        tenant.request().body("[]").when().post("/api/v1/webhooks").then().statusCode(400);
        tenant.request().queryParam("limit", "lots").when().get("/api/v1/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
        tenant.request().queryParam("cursor", "not-a-cursor").when().get("/api/v1/webhooks")
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        // well-formed, but at instants the database cannot store
        for (long micros : new long[] { Long.MIN_VALUE, Long.MAX_VALUE, -62_135_596_800_000_001L, 253_402_300_800_000_000L }) {
            String edge = Base64.getUrlEncoder().withoutPadding()
                    .encodeToString((micros + ":" + UUID.randomUUID()).getBytes(StandardCharsets.US_ASCII));
            tenant.request().queryParam("cursor", edge).when().get("/api/v1/webhooks")
                    .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        }
        String id = tenant.createWebhook("patched badly");
        tenant.request().body("{\"enabled\":\"no\"}").when().patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("enabled"));
        tenant.request().body("{\"secret\":\"mine\"}").when().patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(400).body("errors[0].field", equalTo("secret"));
    }

    @Test
    void everyErrorOfARequestIsAnsweredAtOnce() {
        Tenant tenant = Api.newTenant();
        var created = new java.util.HashMap<String, Object>(Map.of("name", " ", "events", List.of("goal.converted", "page.viewed"),
                "spike_threshold_pct", 12.345, "drop_threshold_pct", 101, "goals", Map.of("ids", List.of("seventeen"))));
        tenant.request().body(created).when().post("/api/v1/webhooks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("drop_threshold_pct", "events", "name", "spike_threshold_pct", "url", "goals.ids"));

        String id = tenant.createWebhook("patched with many errors");
        tenant.request().body("{\"colour\":\"blue\",\"name\":null,\"events\":[],\"drop_threshold_pct\":0,\"goals\":{\"names\":[\" \"]}}")
                .when().patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", contains("colour", "name", "drop_threshold_pct", "events", "goals.names"));
        tenant.request().when().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("name", equalTo("patched with many errors"));

        // a PATCH is strict about JSON types: "false" is not false, 75 is not a name, "75" is not a number
        Map.of("{\"enabled\":\"false\"}", "enabled", "{\"name\":75}", "name", "{\"spike_threshold_pct\":\"75\"}", "spike_threshold_pct")
                .forEach((body, field) -> tenant.request().body(body).when().patch("/api/v1/webhooks/{id}", id)
                        .then().statusCode(400).body("errors[0].field", equalTo(field)));
        tenant.request().when().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("enabled", equalTo(true));
    }

    @Test
    void anOversizeBodyAnswers413() {
        Tenant tenant = Api.newTenant();
        tenant.request().body("{\"name\":\"" + "x".repeat(70 * 1024) + "\"}").when().post("/api/v1/webhooks")
                .then().statusCode(413);
    }

    private static void assertBadField(Tenant tenant, Map<String, Object> body, String field) {
        tenant.request().body(body).when().post("/api/v1/webhooks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem(field))
                .body("detail", not(org.hamcrest.Matchers.containsString("Exception")));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        var copy = new java.util.HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    @Test
    void theWebhookListOfANewAccountIsEmpty() {
        Api.newTenant().request().when().get("/api/v1/webhooks")
                .then().statusCode(200).body("items", hasSize(0)).body("next_cursor", nullValue());
    }
}
