package com.statalog.webhooks.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** REST in, PostgreSQL row, Kafka message out: the registry's whole path works end to end. */
@QuarkusTest
class RegistryWalkingSkeletonTest {

    private static final String OPERATOR = "test-operator-token";

    @Test
    void siteAddedThroughTheApiIsStoredAndPublishedToTheConfigTopic() throws Exception {
        String accountId = given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("name", "Acme"))
                .when().post("/api/v1/accounts")
                .then().statusCode(201).body("name", equalTo("Acme"))
                .extract().path("id");
        String siteId = "ST-" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("site_id", siteId))
                .when().post("/api/v1/accounts/{id}/sites", accountId)
                .then().statusCode(201).body("site_id", equalTo(siteId)).body("account_id", equalTo(accountId));

        Site stored = Site.findById(siteId);
        assertEquals(UUID.fromString(accountId), stored.accountId);

        var records = TestKafkaClient.readUntil("statalog.webhook-config",
                record -> (ConfigKey.site(siteId)).equals(record.key()), Duration.ofSeconds(20));
        JsonNode published = new ObjectMapper().readTree(records.get(records.size() - 1).value());
        assertEquals("site", published.get("type").asText());
        assertEquals(accountId, published.get("account_id").asText());
    }

    @Test
    void tenantRoutesRefuseAMissingOrWrongOperatorToken() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Acme"))
                .when().post("/api/v1/accounts")
                .then().statusCode(401);
        given().auth().oauth2("not-the-token").contentType(ContentType.JSON).body(Map.of("name", "Acme"))
                .when().post("/api/v1/accounts")
                .then().statusCode(401);
    }
}
