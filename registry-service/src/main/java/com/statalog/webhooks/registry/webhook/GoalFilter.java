package com.statalog.webhooks.registry.webhook;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import com.statalog.webhooks.registry.problem.InvalidFieldException;

/**
 * A webhook's {@code goals}: {@code goal.converted} only for these goal ids or exact goal names.
 * Null in the API (and both lists empty in the database): every goal.
 */
public record GoalFilter(List<Long> ids, List<String> names) {

    static final int MAX_ENTRIES = 50;
    private static final int MAX_NAME_LENGTH = 100;
    /** The largest integer every JSON parser reads exactly. */
    private static final long MAX_ID = (1L << 53) - 1;

    /**
     * Reads {@code goals} from a request body strictly: ids must be JSON integers and names JSON
     * strings (no coercion: 17.9 or "17" as an id is refused, not read as 17).
     */
    static GoalFilter parse(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw InvalidFieldException.badRequest("goals", "must be an object with ids and names, or null");
        }
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!field.equals("ids") && !field.equals("names")) {
                throw InvalidFieldException.badRequest("goals." + field, "unknown field; goals has ids and names");
            }
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : elements(node.get("ids"), "goals.ids", "an array of integers")) {
            if (!id.isIntegralNumber() || !id.canConvertToLong()) {
                throw InvalidFieldException.badRequest("goals.ids", "must be an array of integers");
            }
            ids.add(id.longValue());
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : elements(node.get("names"), "goals.names", "an array of strings")) {
            if (!name.isTextual()) {
                throw InvalidFieldException.badRequest("goals.names", "must be an array of strings");
            }
            names.add(name.textValue());
        }
        return new GoalFilter(ids, names);
    }

    private static JsonNode elements(JsonNode array, String field, String expected) {
        if (array == null || array.isNull()) {
            return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        }
        if (!array.isArray()) {
            throw InvalidFieldException.badRequest(field, "must be " + expected);
        }
        return array;
    }

    /** Checked and normalised (sorted, without duplicates); null for no filter. */
    static GoalFilter checked(GoalFilter filter, String[] events) {
        if (filter == null) {
            return null;
        }
        List<Long> ids = filter.ids();
        List<String> names = filter.names();
        if (ids.size() + names.size() > MAX_ENTRIES) {
            throw InvalidFieldException.badRequest("goals", "at most " + MAX_ENTRIES + " goal ids and names together");
        }
        for (long id : ids) {
            if (id < 1 || id > MAX_ID) {
                throw InvalidFieldException.badRequest("goals.ids", "must be positive integers");
            }
        }
        for (String name : names) {
            if (name.isBlank() || name.length() > MAX_NAME_LENGTH) {
                throw InvalidFieldException.badRequest("goals.names", "must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
            }
        }
        if (ids.isEmpty() && names.isEmpty()) {
            return null;
        }
        if (!List.of(events).contains("goal.converted")) {
            throw new InvalidFieldException(422, "goals", "applies to goal.converted, which the webhook does not subscribe to");
        }
        return new GoalFilter(ids.stream().distinct().sorted().toList(), names.stream().distinct().sorted().toList());
    }

    /** The webhook's filter, null for every goal: as the API and the configuration topic show it. */
    public static GoalFilter of(Webhook webhook) {
        return webhook.goalIds.length == 0 && webhook.goalNames.length == 0 ? null
                : new GoalFilter(List.of(webhook.goalIds), List.of(webhook.goalNames));
    }

    /** Stores a checked filter on the webhook; null, every goal. */
    static void store(GoalFilter filter, Webhook webhook) {
        webhook.goalIds = filter == null ? new Long[0] : filter.ids().toArray(Long[]::new);
        webhook.goalNames = filter == null ? new String[0] : filter.names().toArray(String[]::new);
    }
}
