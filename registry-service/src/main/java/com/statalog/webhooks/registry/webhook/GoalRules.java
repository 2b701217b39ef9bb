package com.statalog.webhooks.registry.webhook;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.contracts.config.Goals;
import com.statalog.webhooks.registry.problem.FieldErrors;
import com.statalog.webhooks.registry.problem.InvalidFieldException;

/**
 * What a webhook's {@code goals} may hold ({@link Goals}: {@code goal.converted} only for these goal
 * ids or exact goal names), and how it is stored. Null in the API (and both lists empty in the
 * database): every goal.
 */
public final class GoalRules {

    static final int MAX_ENTRIES = 50;
    private static final int MAX_NAME_LENGTH = 100;
    /** The largest integer every JSON parser reads exactly. */
    private static final long MAX_ID = (1L << 53) - 1;

    private GoalRules() {
    }

    /**
     * Reads {@code goals} from a request body strictly: ids must be JSON integers and names JSON
     * strings (no coercion: 17.9 or "17" as an id is refused, not read as 17). Every problem is
     * added to {@code errors}; the filter is null for none (every goal) and when there are errors.
     */
    static Goals parse(JsonNode node, FieldErrors errors) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            errors.add("goals", "must be an object with ids and names, or null");
            return null;
        }
        int earlier = errors.count();
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            if (!field.equals("ids") && !field.equals("names")) {
                errors.add("goals." + field, "unknown field; goals has ids and names");
            }
        }
        List<Long> ids = new ArrayList<>();
        for (JsonNode id : elements(node.get("ids"))) {
            ids.add(id.isIntegralNumber() && id.canConvertToLong() ? id.longValue() : null);
        }
        List<String> names = new ArrayList<>();
        for (JsonNode name : elements(node.get("names"))) {
            names.add(name.isTextual() ? name.textValue() : null);
        }
        if (!isArray(node.get("ids")) || ids.contains(null)) {
            errors.add("goals.ids", "must be an array of integers");
        } else if (ids.stream().anyMatch(id -> id < 1 || id > MAX_ID)) {
            errors.add("goals.ids", "must be positive integers");
        }
        if (!isArray(node.get("names")) || names.contains(null)) {
            errors.add("goals.names", "must be an array of strings");
        } else if (names.stream().anyMatch(name -> name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
            errors.add("goals.names", "must be 1 to " + MAX_NAME_LENGTH + " characters, not blank");
        }
        if (ids.size() + names.size() > MAX_ENTRIES) {
            errors.add("goals", "at most " + MAX_ENTRIES + " goal ids and names together");
        }
        if (errors.count() > earlier || (ids.isEmpty() && names.isEmpty())) {
            return null;
        }
        return new Goals(ids.stream().distinct().sorted().toList(), names.stream().distinct().sorted().toList());
    }

    /** Absent and null are an empty list; anything else but an array is not (it is refused). */
    private static boolean isArray(JsonNode node) {
        return node == null || node.isNull() || node.isArray();
    }

    private static Iterable<JsonNode> elements(JsonNode array) {
        return array != null && array.isArray() ? array : List.of();
    }

    /** A filter only makes sense for a webhook that receives goal.converted: 422 otherwise. */
    static Goals applicable(Goals filter, String[] events) {
        if (filter != null && !List.of(events).contains(EventType.GOAL_CONVERTED.wireName())) {
            throw new InvalidFieldException(422, "goals", "applies to goal.converted, which the webhook does not subscribe to");
        }
        return filter;
    }

    /** The webhook's filter, null for every goal: as the API and the configuration topic show it. */
    public static Goals of(Webhook webhook) {
        return webhook.goalIds.length == 0 && webhook.goalNames.length == 0 ? null
                : new Goals(List.of(webhook.goalIds), List.of(webhook.goalNames));
    }

    /** Stores a checked filter on the webhook; null, every goal. */
    static void store(Goals filter, Webhook webhook) {
        webhook.goalIds = filter == null ? new Long[0] : filter.ids().toArray(Long[]::new);
        webhook.goalNames = filter == null ? new String[0] : filter.names().toArray(String[]::new);
    }
}
