package com.statalog.webhooks.registry.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.Schemas;
import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** Every change of a webhook reaches the configuration topic, as the entity's whole state; a deletion as a tombstone. */
@QuarkusTest
class ConfigTopicTest {

    // the relay publishes every second; the rest is this reader joining its consumer group
    private static final Duration WITHIN = Duration.ofSeconds(10);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void createPatchAndDeleteArePublishedPromptly() throws Exception {
        Tenant tenant = Api.newTenant();
        String id = tenant.request()
                .body(Map.of("name", "topic", "url", "https://hooks.example.com/t", "events", List.of("traffic.spike"),
                        "site_id", tenant.siteId(), "spike_threshold_pct", 75))
                .when().post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        String key = ConfigKey.webhook(UUID.fromString(id));

        var createdRecord = last(TestKafkaClient.readUntil("statalog.webhook-config", record -> key.equals(record.key()), WITHIN));
        assertEquals("0", version(createdRecord), "the entity's version travels with every message");
        assertEquals(Set.of(), Schemas.check("config-webhook.schema.json", TestKafkaClient.text(createdRecord.value())),
                "what the registry writes follows the contract");
        JsonNode created = json.readTree(createdRecord.value());
        assertEquals("webhook", created.get("type").asText());
        assertEquals(tenant.accountId(), created.get("account_id").asText());
        assertEquals(tenant.siteId(), created.get("site_id").asText());
        assertEquals("https://hooks.example.com/t", created.get("url").asText());
        assertEquals("traffic.spike", created.get("events").get(0).asText());
        assertEquals(75.0, created.get("spike_threshold_pct").asDouble());
        assertEquals(true, created.get("enabled").asBoolean());
        assertEquals("test-new", created.get("secret").get("key_id").asText());

        tenant.request().body(Map.of("enabled", false)).patch("/api/v1/webhooks/{id}", id).then().statusCode(200);
        var disabled = last(TestKafkaClient.readUntil("statalog.webhook-config", record -> key.equals(record.key()) && record.value() != null
                && TestKafkaClient.text(record.value()).contains("\"enabled\":false"), WITHIN));
        assertEquals("1", version(disabled), "a change is one version later");

        tenant.request().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        var tombstone = last(TestKafkaClient.readUntil("statalog.webhook-config",
                record -> key.equals(record.key()) && record.value() == null, WITHIN));
        assertNull(tombstone.value());
        assertEquals("2", version(tombstone), "a deletion too: no older state of it can come back");
    }

    private static String version(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> record) {
        return new String(record.headers().lastHeader("statalog-config-version").value(), java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Test
    void republishPutsEverythingOnTheTopicAgain() {
        Tenant tenant = Api.newTenant();
        tenant.createWebhook("again");
        long sites = Api.operator().auth().oauth2(Api.SERVICE).when().post("/internal/v1/config/republish")
                .then().statusCode(200).extract().<Number>path("sites").longValue();
        org.junit.jupiter.api.Assertions.assertTrue(sites >= 1);
        var site = last(TestKafkaClient.readUntil("statalog.webhook-config", record -> ConfigKey.site(tenant.siteId()).equals(record.key()),
                WITHIN));
        assertEquals(Set.of(), Schemas.check("config-site.schema.json", TestKafkaClient.text(site.value())));
    }

    private static <T> T last(List<T> records) {
        return records.get(records.size() - 1);
    }
}
