package com.statalog.webhooks.dispatcher.webhook;

import java.util.Set;

/**
 * A webhook's choice of goals for {@code goal.converted}: goal ids and goal names (exact); a
 * conversion matches when its goal's id or name is listed. Empty: every goal.
 */
public record GoalFilter(Set<Long> ids, Set<String> names) {

    public static final GoalFilter EVERY_GOAL = new GoalFilter(Set.of(), Set.of());

    public boolean matches(Long goalId, String goalName) {
        if (ids.isEmpty() && names.isEmpty()) {
            return true;
        }
        return (goalId != null && ids.contains(goalId)) || (goalName != null && names.contains(goalName));
    }
}
