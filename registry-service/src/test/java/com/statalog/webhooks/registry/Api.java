package com.statalog.webhooks.registry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The registry's API as the tests use it: tenants made through the operator routes, requests as an account. */
public final class Api {

    public static final String OPERATOR = "test-operator-token";
    public static final String SERVICE = "test-service-token";

    /** An account with one site and one API key. */
    public record Tenant(String accountId, String siteId, String apiKey) {

        /** The key's secret part: everything after {@code slk_<32 hex key id>_} (it may itself contain '_'). */
        public String apiKeySecret() {
            return apiKey.substring("slk_".length() + 32 + 1);
        }

        public RequestSpecification request() {
            return given().auth().oauth2(apiKey).contentType(ContentType.JSON);
        }

        /** Creates a webhook of this tenant with a public target; answers its id. */
        public String createWebhook(String name) {
            return request().body(Map.of("name", name, "url", "https://hooks.example.com/statalog", "events",
                    java.util.List.of("goal.converted")))
                    .when().post("/api/v1/webhooks")
                    .then().statusCode(201).extract().path("id");
        }
    }

    private Api() {
    }

    /** Waits until the dispatcher at {@code dispatcherUrl} has read the webhook from the configuration topic. */
    public static void awaitKnownToTheDispatcher(String dispatcherUrl, String webhook) {
        await().atMost(Duration.ofSeconds(60)).until(() -> given().auth().oauth2(SERVICE)
                .get(dispatcherUrl + "/internal/v1/config/webhooks/{id}", webhook).statusCode() == 200);
    }

    public static RequestSpecification operator() {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON);
    }

    public static Tenant newTenant() {
        String accountId = operator().body(Map.of("name", "Tenant")).when().post("/api/v1/accounts")
                .then().statusCode(201).extract().path("id");
        String siteId = "ST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();
        operator().body(Map.of("site_id", siteId)).when().post("/api/v1/accounts/{id}/sites", accountId)
                .then().statusCode(201);
        String key = operator().when().post("/api/v1/accounts/{id}/api-keys", accountId)
                .then().statusCode(201).extract().path("key");
        return new Tenant(accountId, siteId, key);
    }
}
