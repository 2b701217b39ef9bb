package com.statalog.webhooks.dispatcher.intake;

import java.io.IOException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.dispatcher.DispatcherConfig;

/** Decides whether a record of statalog.events can be delivered, and if not, says why. */
@ApplicationScoped
public class EventValidator {

    private final ObjectMapper json;
    private final int maxBytes;

    EventValidator(ObjectMapper json, DispatcherConfig config) {
        this.json = json;
        this.maxBytes = config.events().maxBytes();
    }

    public InboundEvent validate(String key, byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException("empty_value", "the record has no value");
        }
        if (value.length > maxBytes) {
            throw new InvalidEventException("too_large", "the value is " + value.length + " bytes, over the limit of " + maxBytes);
        }
        JsonNode event;
        try {
            event = json.readTree(value);
        } catch (IOException e) {
            throw new InvalidEventException("not_json", "the value is not valid UTF-8 JSON");
        }
        if (event == null || !event.isObject()) {
            throw new InvalidEventException("not_object", "the value is not a JSON object");
        }
        JsonNode eventName = event.get("event");
        if (eventName == null || !eventName.isTextual()) {
            throw new InvalidEventException("missing_event", "the field event is missing or not a string");
        }
        EventType type = EventType.fromWireName(eventName.asText())
                .orElseThrow(() -> new InvalidEventException("unknown_event", "unknown event " + abbreviate(eventName.asText())));
        JsonNode siteId = event.get("site_id");
        if (siteId == null || !siteId.isTextual() || siteId.asText().isBlank()) {
            throw new InvalidEventException("missing_site_id", "the field site_id is missing or not a non-empty string");
        }
        // the contract's key is the site_id: a record without one would lose its site's partition and order
        if (!siteId.asText().equals(key)) {
            throw new InvalidEventException("key_mismatch", "the record key is missing or does not equal site_id");
        }
        Double changePct = null;
        if (type.isTraffic()) {
            JsonNode change = event.get("change_pct");
            if (change == null || !change.isNumber()) {
                throw new InvalidEventException("missing_change_pct", "a traffic event needs a numeric change_pct");
            }
            changePct = change.asDouble();
        }
        Long goalId = null;
        String goalName = null;
        JsonNode goal = event.get("goal");
        if (type == EventType.GOAL_CONVERTED && goal != null && goal.isObject()) {
            goalId = goal.path("id").canConvertToExactIntegral() ? goal.path("id").longValue() : null;
            goalName = goal.path("name").isTextual() ? goal.path("name").textValue() : null;
        }
        return new InboundEvent(type, siteId.asText(), changePct, goalId, goalName, value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }
}
