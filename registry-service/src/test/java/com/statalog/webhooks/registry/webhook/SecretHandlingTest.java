package com.statalog.webhooks.registry.webhook;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.testkit.LogCapture;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** A signing secret is shown once; secrets and API keys are never stored or published in clear. */
@QuarkusTest
class SecretHandlingTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metricsUrl;

    @Inject
    EntityManager entityManager;

    @Test
    void theSecretAppearsInExactlyOneResponseAndNowhereInClear() {
        Tenant tenant = Api.newTenant();
        var created = tenant.request()
                .body(Map.of("name", "s", "url", "https://hooks.example.com/s", "events", List.of("goal.converted")))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract();
        String secret = created.path("secret");
        String id = created.path("id");

        List<String> laterResponses = List.of(
                tenant.request().get("/api/v1/webhooks/{id}", id).asString(),
                tenant.request().get("/api/v1/webhooks").asString(),
                tenant.request().body(Map.of("enabled", false)).patch("/api/v1/webhooks/{id}", id).asString());
        laterResponses.forEach(body -> assertFalse(body.contains(secret), body));

        String dump = databaseDump();
        for (String clear : List.of(secret, tenant.apiKey(), tenant.apiKeySecret())) {
            assertFalse(dump.contains(clear), "a secret or API key is in the database in clear");
            assertFalse(dump.contains(hex(clear)), "a secret or API key is in a binary column of the database in clear");
        }

        var records = TestKafkaClient.readUntil("statalog.webhook-config",
                record -> ConfigKey.webhook(UUID.fromString(id)).equals(record.key()) && record.value() != null
                        && TestKafkaClient.text(record.value()).contains("\"enabled\":false"),
                Duration.ofSeconds(20));
        records.forEach(record -> assertFalse(new String(record.value() == null ? new byte[0] : record.value(),
                StandardCharsets.UTF_8).contains(secret), "a signing secret is on the configuration topic in clear"));
    }

    @Test
    void noSecretApiKeyOrTokenReachesALogLineAMetricOrAnErrorBody() throws IOException {
        try (LogCapture log = new LogCapture()) {
            Tenant tenant = Api.newTenant();
            var created = tenant.request()
                    .body(Map.of("name", "scanned", "url", "https://hooks.example.com/s", "events", List.of("goal.converted")))
                    .when().post("/api/v1/webhooks").then().statusCode(201).extract();
            String secret = created.path("secret");
            String id = created.path("id");
            String rotated = tenant.request().post("/api/v1/webhooks/{id}/rotate-secret", id).then().statusCode(200).extract().path("secret");
            String apiKey = tenant.apiKey();

            // requests that carry a secret where it does not belong: the error must not echo it
            List<String> errorBodies = List.of(
                    given().auth().oauth2(apiKey + "x").get("/api/v1/webhooks").then().statusCode(401).extract().asString(),
                    given().header("Authorization", apiKey).get("/api/v1/webhooks").then().statusCode(401).extract().asString(),
                    tenant.request().body(Map.of("name", "x", "url", "https://hooks.example.com/?k=" + secret, "events", List.of("goal.converted"),
                            "secret", secret)).post("/api/v1/webhooks").then().statusCode(400).extract().asString(),
                    tenant.request().body(Map.of("url", "http://hooks.example.com/" + apiKey)).patch("/api/v1/webhooks/{id}", id)
                            .then().statusCode(422).extract().asString(),
                    tenant.request().body("{\"name\": \"" + secret + "\"").patch("/api/v1/webhooks/{id}", id)
                            .then().statusCode(400).extract().asString(),
                    given().auth().oauth2(Api.OPERATOR + "x").contentType(ContentType.JSON).body(Map.of("name", Api.OPERATOR))
                            .post("/api/v1/accounts").then().statusCode(401).extract().asString());
            String metrics = given().get(metricsUrl).then().statusCode(200).extract().asString();
            String dispatcherLog = Files.readString(Path.of("target", "dispatcher-process-strict.log"));

            for (String clear : List.of(secret, rotated, apiKey, tenant.apiKeySecret(), Api.OPERATOR, Api.SERVICE)) {
                errorBodies.forEach(body -> assertFalse(body.contains(clear), "an error body shows a secret: " + body));
                assertFalse(metrics.contains(clear), "the metrics show a secret");
                assertFalse(dispatcherLog.contains(clear), "the dispatcher's log shows a secret");
                log.lines().forEach(line -> assertFalse(line.contains(clear), "a log line shows a secret: " + line));
            }
        }
    }

    @Test
    void rotatingGivesANewCiphertextUnderTheActiveKey() {
        Tenant tenant = Api.newTenant();
        String id = tenant.createWebhook("rotating");
        byte[] before = ciphertext(id);
        tenant.request().post("/api/v1/webhooks/{id}/rotate-secret", id).then().statusCode(200);
        assertFalse(java.util.Arrays.equals(before, ciphertext(id)));
        assertEquals("test-new", QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("SELECT secret_key_id FROM webhook WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, id).getSingleResult()));
    }

    private byte[] ciphertext(String id) {
        return QuarkusTransaction.requiringNew().call(() -> (byte[]) entityManager
                .createNativeQuery("SELECT secret_ciphertext FROM webhook WHERE id = CAST(?1 AS uuid)")
                .setParameter(1, id).getSingleResult());
    }

    private static String hex(String text) {
        return java.util.HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Every row of every table as text (binary columns in hex), as someone reading a backup would see them. */
    private String databaseDump() {
        return QuarkusTransaction.requiringNew().call(() -> {
            StringBuilder dump = new StringBuilder();
            @SuppressWarnings("unchecked")
            List<String> tables = entityManager.createNativeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").getResultList();
            for (String table : tables) {
                for (Object row : entityManager.createNativeQuery("SELECT CAST(t AS text) FROM " + table + " t").getResultList()) {
                    dump.append(row).append('\n');
                }
            }
            return dump.toString();
        });
    }
}
