package com.statalog.webhooks.registry.auth;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import com.statalog.webhooks.local.PostgresServer;
import com.statalog.webhooks.registry.RegistryProcess;
import com.statalog.webhooks.testkit.KafkaBroker;
import com.statalog.webhooks.testkit.PostgresTestResource;
import com.statalog.webhooks.testkit.ServiceProcess;

/**
 * A key revoked on one registry replica is refused by the other from the next request on, and a
 * key past its expiry by both: no replica keeps a key it has seen (the bound is 5 s).
 */
class ApiKeyLifecycleIT {

    @Test
    void aRevokedAndAnExpiredKeyAreRefusedByEveryReplica() {
        PostgresServer postgres = PostgresTestResource.server();
        String database = "registry_keys_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabaseIfMissing(database);
        try (KafkaBroker kafka = KafkaBroker.startTemporary();
                ServiceProcess first = RegistryProcess.start(kafka, postgres, database, Map.of(), "registry-keys-1");
                ServiceProcess second = RegistryProcess.start(kafka, postgres, database, Map.of(), "registry-keys-2")) {
            String account = operator(first).body(Map.of("name", "keys")).post("/api/v1/accounts").then().statusCode(201)
                    .extract().path("id");
            String revoked = operator(first).post("/api/v1/accounts/{id}/api-keys", account).then().statusCode(201).extract().path("key");
            String revokedId = operator(first).get("/api/v1/accounts/{id}/api-keys", account).then().extract().path("items[0].id");
            String expiring = operator(second).body(Map.of("expires_at", Instant.now().plusSeconds(3).toString()))
                    .post("/api/v1/accounts/{id}/api-keys", account).then().statusCode(201).extract().path("key");
            for (ServiceProcess replica : List.of(first, second)) {
                as(replica, revoked).get("/api/v1/webhooks").then().statusCode(200);
                as(replica, expiring).get("/api/v1/webhooks").then().statusCode(200);
            }

            // the replica that served the key a moment ago refuses it from the revocation on
            as(second, revoked).delete("/api/v1/api-keys/{id}", revokedId).then().statusCode(204);
            as(first, revoked).get("/api/v1/webhooks").then().statusCode(401);
            as(second, revoked).get("/api/v1/webhooks").then().statusCode(401);

            await().atMost(Duration.ofSeconds(30)).until(() -> as(first, expiring).get("/api/v1/webhooks").statusCode() == 401);
            as(second, expiring).get("/api/v1/webhooks").then().statusCode(401);
        } finally {
            postgres.dropDatabaseIfExists(database);
        }
    }

    private static RequestSpecification operator(ServiceProcess replica) {
        return as(replica, RegistryProcess.OPERATOR);
    }

    private static RequestSpecification as(ServiceProcess replica, String token) {
        return given().baseUri(replica.url()).auth().oauth2(token).contentType(ContentType.JSON);
    }
}
