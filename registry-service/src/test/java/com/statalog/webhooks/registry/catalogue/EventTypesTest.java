package com.statalog.webhooks.registry.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.registry.Api;

/**
 * The event catalogue lists every event of the contracts, in order, with the spec's description,
 * a schema that fixes {@code event} to the type and requires what the dispatcher requires, and an
 * example whose every member the schema names.
 */
@QuarkusTest
class EventTypesTest {

    @Test
    void everyEventHasItsDescriptionSchemaAndExample() throws Exception {
        JsonNode items = new ObjectMapper().readTree(Api.newTenant().request().when().get("/api/v1/event-types")
                .then().statusCode(200).extract().asString()).path("items");

        List<String> types = new ArrayList<>();
        items.forEach(item -> types.add(item.path("type").asText()));
        assertEquals(EventType.wireNames(), types);
        for (JsonNode item : items) {
            EventType type = EventType.fromWireName(item.path("type").asText()).orElseThrow();
            JsonNode schema = item.path("schema");
            assertEquals(type.description(), item.path("description").asText());
            assertEquals(type.wireName(), schema.path("properties").path("event").path("const").asText());
            assertTrue(schema.path("required").toString().contains("\"site_id\""), schema.toString());
            assertEquals(type.isTraffic(), schema.path("required").toString().contains("\"change_pct\""), type.wireName());
            assertEquals(type.wireName(), item.path("example").path("event").asText());
            item.path("example").fieldNames().forEachRemaining(member -> assertTrue(schema.path("properties").has(member),
                    type.wireName() + "'s example has " + member + ", which its schema does not name"));
        }
        assertTrue(items.get(0).path("schema").path("properties").has("goal"));
        assertTrue(!items.get(0).path("schema").path("properties").has("change_pct"), "a goal's schema has no traffic members");
    }

    @Test
    void onlyAnAccountReadsIt() {
        Api.operator().when().get("/api/v1/event-types").then().statusCode(403);
    }
}
