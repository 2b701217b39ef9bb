package com.statalog.webhooks.registry.catalogue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.statalog.webhooks.contracts.EventType;

/**
 * The events a webhook can subscribe to, each with the spec's description, the JSON Schema of its
 * payload and an example: what {@code GET /api/v1/event-types} answers. Made once, from the
 * contracts: the schema of one event is {@code event.schema.json}'s common members with those of
 * the branch its {@code allOf} gives that event, so that the catalogue and the dispatcher's check
 * can never disagree.
 */
@ApplicationScoped
public class EventCatalogue {

    private static final String EVENT_SCHEMA = "contracts/event.schema.json";
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };

    private final List<EventTypeView> types;

    EventCatalogue(ObjectMapper json) {
        JsonNode schema = readSchema(json);
        this.types = Arrays.stream(EventType.values())
                .map(type -> new EventTypeView(type.wireName(), type.description(), json.convertValue(schemaOf(type, schema), OBJECT),
                        parse(json, type.example())))
                .toList();
    }

    public List<EventTypeView> types() {
        return types;
    }

    /** The payload schema of one event: the common members, the event's branch, and {@code event} fixed to it. */
    static ObjectNode schemaOf(EventType type, JsonNode eventSchema) {
        ObjectNode schema = eventSchema.deepCopy();
        schema.remove(List.of("$id", "allOf"));
        schema.put("title", type.wireName() + " payload");
        schema.put("description", type.description());
        ObjectNode properties = (ObjectNode) schema.get("properties");
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(member -> required.add(member.asText()));
        for (JsonNode branch : eventSchema.path("allOf")) {
            if (appliesTo(branch.path("if").path("properties").path("event"), type)) {
                branch.path("then").path("properties").properties().forEach(member -> properties.set(member.getKey(), member.getValue()));
                branch.path("then").path("required").forEach(member -> required.add(member.asText()));
            }
        }
        properties.putObject("event").put("const", type.wireName());
        schema.putArray("required").addAll(required.stream().map(schema::textNode).toList());
        return schema;
    }

    private static boolean appliesTo(JsonNode condition, EventType type) {
        if (condition.has("const")) {
            return condition.get("const").asText().equals(type.wireName());
        }
        for (JsonNode name : condition.path("enum")) {
            if (name.asText().equals(type.wireName())) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode readSchema(ObjectMapper json) {
        try (InputStream in = EventCatalogue.class.getClassLoader().getResourceAsStream(EVENT_SCHEMA)) {
            if (in == null) {
                throw new IllegalStateException("the contracts lack " + EVENT_SCHEMA);
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> parse(ObjectMapper json, String example) {
        try {
            return json.readValue(example, OBJECT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
