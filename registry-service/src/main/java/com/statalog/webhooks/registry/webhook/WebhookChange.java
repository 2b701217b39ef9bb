package com.statalog.webhooks.registry.webhook;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.statalog.webhooks.contracts.config.Goals;
import com.statalog.webhooks.registry.problem.FieldErrors;
import com.statalog.webhooks.registry.problem.InvalidFieldException;

/**
 * A PATCH body, read: its values ({@link WebhookPatch}), which fields it holds, and its goal filter.
 * Every error of the body is answered at once (400): unknown fields, nulls where a value is needed,
 * and what {@link WebhookRules} refuses. A value of the wrong JSON type stops the reading at that
 * field (the problem names it): strictly, "false" is not false and 75 is not a name.
 */
record WebhookChange(WebhookPatch patch, Set<String> present, Goals goals) {

    /** @param json a mapper that refuses scalars of the wrong type ({@link #strict}) */
    static WebhookChange read(JsonNode body, ObjectMapper json, Validator validator) throws JsonProcessingException {
        if (!(body instanceof ObjectNode object)) {
            throw InvalidFieldException.badRequest("body", "a JSON object is required");
        }
        Set<String> present = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(present::add);
        FieldErrors errors = new FieldErrors();
        present.stream().filter(field -> !WebhookPatch.FIELDS.contains(field)).sorted(Comparator.naturalOrder())
                .forEach(field -> errors.add(field, "unknown field or not changeable"));
        present.stream().filter(field -> WebhookPatch.NOT_NULL.contains(field) && object.get(field).isNull()).sorted()
                .forEach(field -> errors.add(field, "must not be null"));
        WebhookPatch patch = json.treeToValue(object.deepCopy().retain(WebhookPatch.FIELDS), WebhookPatch.class);
        errors.addAll(validator.validate(patch));
        Goals goals = GoalRules.parse(object.get("goals"), errors);
        errors.throwIfAny();
        return new WebhookChange(patch, Set.copyOf(present), goals);
    }

    /**
     * The application's mapper, refusing a scalar of the wrong type instead of converting it: a
     * string for a number or a boolean, and a number or a boolean for a string.
     */
    @SuppressWarnings("deprecation") // MapperFeature on a copy: the copy has no builder to take it
    static ObjectMapper strict(ObjectMapper json) {
        ObjectMapper strict = json.copy().configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return strict;
    }

    boolean has(String field) {
        return present.contains(field);
    }
}
