package com.statalog.webhooks.registry.replay;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.problem.StorableInstants;

/**
 * The body of a range replay: deliveries created in [{@code from}, {@code to}) whose status is
 * {@code status}. {@code to} null means open (until now) and {@code status} defaults to
 * {@code dropped}.
 */
public record ReplayRange(Instant from, Instant to, String status) {

    private static final Set<String> FIELDS = Set.of("from", "to", "status");
    private static final Set<String> FINAL_STATUSES = Set.of("delivered", "dropped", "cancelled");

    static ReplayRange parse(JsonNode body) {
        if (!(body instanceof ObjectNode object)) {
            throw InvalidFieldException.badRequest("body", "a JSON object is required");
        }
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!FIELDS.contains(field)) {
                throw InvalidFieldException.badRequest(field, "unknown field");
            }
        }
        if (!object.hasNonNull("from")) {
            throw InvalidFieldException.badRequest("from", "is required");
        }
        Instant from = instant(object, "from");
        Instant to = object.hasNonNull("to") ? instant(object, "to") : null;
        if (to != null && !from.isBefore(to)) {
            throw new InvalidFieldException(422, "to", "must be later than from");
        }
        String status = "dropped";
        if (object.hasNonNull("status")) {
            JsonNode node = object.get("status");
            if (!node.isTextual() || !FINAL_STATUSES.contains(node.textValue())) {
                throw InvalidFieldException.badRequest("status", "must be one of cancelled, delivered, dropped");
            }
            status = node.textValue();
        }
        return new ReplayRange(from, to, status);
    }

    /** What a repeat of the same request must match to be answered from an Idempotency-Key. */
    String fingerprint() {
        return from + " " + (to == null ? "open" : to) + " " + status;
    }

    private static Instant instant(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        try {
            if (node.isTextual()) {
                return StorableInstants.require(field, Instant.parse(node.textValue()));
            }
        } catch (DateTimeParseException e) {
            // answered below, without the parser's message (it quotes the input)
        }
        throw InvalidFieldException.badRequest(field, "must be an ISO-8601 instant such as 2026-11-27T09:00:00Z");
    }
}
