package com.statalog.webhooks.registry.webhook;

import java.util.List;

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

    /** Checked and normalised (sorted, without duplicates); null for no filter. */
    static GoalFilter checked(GoalFilter filter, String[] events) {
        if (filter == null) {
            return null;
        }
        List<Long> ids = filter.ids() == null ? List.of() : filter.ids();
        List<String> names = filter.names() == null ? List.of() : filter.names();
        if (ids.stream().anyMatch(java.util.Objects::isNull) || names.stream().anyMatch(java.util.Objects::isNull)) {
            throw InvalidFieldException.badRequest("goals", "ids and names must not contain null");
        }
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

    static GoalFilter of(Webhook webhook) {
        return webhook.goalIds.length == 0 && webhook.goalNames.length == 0 ? null
                : new GoalFilter(List.of(webhook.goalIds), List.of(webhook.goalNames));
    }

    void applyTo(Webhook webhook) {
        webhook.goalIds = ids.toArray(Long[]::new);
        webhook.goalNames = names.toArray(String[]::new);
    }

    static void clear(Webhook webhook) {
        webhook.goalIds = new Long[0];
        webhook.goalNames = new String[0];
    }
}
