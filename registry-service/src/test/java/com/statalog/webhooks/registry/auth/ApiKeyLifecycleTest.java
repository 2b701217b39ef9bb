package com.statalog.webhooks.registry.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.Api.Tenant;

/**
 * An API key's whole life: listed by its prefix (never the key), issued with an optional expiry,
 * used (last_used_at), revoked by the operator or by the account itself, refused once revoked or
 * expired. Across registry processes: ApiKeyLifecycleIT.
 */
@QuarkusTest
class ApiKeyLifecycleTest {

    @TestHTTPResource("/")
    URL registry;

    @Test
    void aKeyIsIssuedWithNeitherBodyNorContentTypeAsCurlSendsIt() throws Exception {
        Tenant tenant = Api.newTenant();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                registry.toURI().resolve("/api/v1/accounts/" + tenant.accountId() + "/api-keys"))
                .header("Authorization", "Bearer " + Api.OPERATOR).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("\"key\":\"slk_"), answer.body());
    }

    @Test
    void anAccountRotatesItsOwnKeyWithoutTheOperator() {
        Tenant tenant = Api.newTenant();
        JsonPath keys = tenant.request().get("/api/v1/api-keys").then().statusCode(200).body("items", hasSize(1)).extract().jsonPath();
        String oldId = keys.getString("items[0].id");
        assertTrue(tenant.apiKey().startsWith(keys.getString("items[0].prefix")), "the prefix is how a person recognises the key");
        assertFalse(keys.prettify().contains(tenant.apiKeySecret()), "a list never shows a key");

        JsonPath created = tenant.request().post("/api/v1/api-keys").then().statusCode(201)
                .body("expires_at", nullValue()).extract().jsonPath();
        String newKey = created.getString("key");
        assertTrue(newKey.startsWith(created.getString("prefix")));
        given().auth().oauth2(newKey).get("/api/v1/webhooks").then().statusCode(200);

        given().auth().oauth2(newKey).delete("/api/v1/api-keys/{id}", oldId).then().statusCode(204);
        tenant.request().get("/api/v1/webhooks").then().statusCode(401);
        given().auth().oauth2(newKey).get("/api/v1/api-keys").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(created.getString("id")));
        // a key may revoke itself: its next request is refused
        given().auth().oauth2(newKey).delete("/api/v1/api-keys/{id}", created.getString("id")).then().statusCode(204);
        given().auth().oauth2(newKey).get("/api/v1/api-keys").then().statusCode(401);
    }

    @Test
    void theOperatorListsIssuesAndRevokesAnAccountsKeys() {
        Tenant tenant = Api.newTenant();
        Instant expiry = Instant.parse("2099-06-30T00:00:00Z");
        JsonPath issued = Api.operator().body(Map.of("expires_at", expiry.toString()))
                .post("/api/v1/accounts/{id}/api-keys", tenant.accountId()).then().statusCode(201)
                .body("expires_at", equalTo(expiry.toString())).extract().jsonPath();
        Api.operator().get("/api/v1/accounts/{id}/api-keys", tenant.accountId()).then().statusCode(200)
                .body("items", hasSize(2)).body("items[1].id", equalTo(issued.getString("id")))
                .body("items[1].expires_at", equalTo(expiry.toString()));

        Api.operator().delete("/api/v1/accounts/{id}/api-keys/{key}", tenant.accountId(), issued.getString("id")).then().statusCode(204);
        given().auth().oauth2(issued.getString("key")).get("/api/v1/webhooks").then().statusCode(401);
        Api.operator().delete("/api/v1/accounts/{id}/api-keys/{key}", tenant.accountId(), issued.getString("id")).then().statusCode(404);
        tenant.request().get("/api/v1/webhooks").then().statusCode(200);

        // another account's key, an unknown account, a malformed id
        Tenant other = Api.newTenant();
        String othersKey = other.request().get("/api/v1/api-keys").then().extract().path("items[0].id");
        Api.operator().delete("/api/v1/accounts/{id}/api-keys/{key}", tenant.accountId(), othersKey).then().statusCode(404);
        tenant.request().delete("/api/v1/api-keys/{id}", othersKey).then().statusCode(404);
        tenant.request().delete("/api/v1/api-keys/{id}", "not-a-key").then().statusCode(404);
        other.request().get("/api/v1/webhooks").then().statusCode(200);
        Api.operator().get("/api/v1/accounts/{id}/api-keys", UUID.randomUUID()).then().statusCode(404);
        tenant.request().get("/api/v1/accounts/{id}/api-keys", tenant.accountId()).then().statusCode(403);
    }

    @Test
    void anExpiredKeyIsRefusedAndTakesNoPlace() {
        Tenant tenant = Api.newTenant();
        String expiring = Api.operator().body(Map.of("expires_at", Instant.now().plusSeconds(2).toString()))
                .post("/api/v1/accounts/{id}/api-keys", tenant.accountId()).then().statusCode(201).extract().path("key");
        Api.operator().get("/api/v1/accounts/{id}/limits", tenant.accountId()).then().body("api_keys.used", equalTo(2));

        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(expiring).get("/api/v1/webhooks").statusCode() == 401);
        Api.operator().get("/api/v1/accounts/{id}/limits", tenant.accountId()).then().body("api_keys.used", equalTo(1));
        tenant.request().get("/api/v1/api-keys").then().body("items", hasSize(2));
    }

    @Test
    void aKeysLastUseIsKeptAndAnExpiryMustBeAFutureInstant() {
        Tenant tenant = Api.newTenant();
        String unused = tenant.request().post("/api/v1/api-keys").then().statusCode(201).extract().path("id");
        tenant.request().get("/api/v1/webhooks").then().statusCode(200);
        List<Map<String, Object>> items = tenant.request().get("/api/v1/api-keys").then().extract().path("items");
        Map<String, Object> used = items.stream().filter(item -> !item.get("id").equals(unused)).findFirst().orElseThrow();
        assertTrue(used.get("last_used_at") != null, "the key just used has a last use");
        assertEquals(null, items.stream().filter(item -> item.get("id").equals(unused)).findFirst().orElseThrow().get("last_used_at"));

        tenant.request().body(Map.of("expires_at", "2001-01-01T00:00:00Z")).post("/api/v1/api-keys")
                .then().statusCode(422).body("errors[0].field", equalTo("expires_at"));
        tenant.request().body(Map.of("expires_at", "+10000-01-01T00:00:00Z")).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("expires_at"));
        tenant.request().body(Map.of("expires_at", "soon")).post("/api/v1/api-keys")
                .then().statusCode(400).body("errors[0].field", equalTo("expires_at"));
        given().auth().oauth2(tenant.apiKey()).contentType(ContentType.JSON).post("/api/v1/api-keys").then().statusCode(201)
                .body("key", notNullValue());
    }
}
