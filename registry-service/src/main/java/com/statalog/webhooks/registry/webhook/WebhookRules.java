package com.statalog.webhooks.registry.webhook;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.registry.problem.InvalidFieldException;

/** What a webhook's fields may hold; each violation names its field. */
final class WebhookRules {

    static final Set<String> EVENTS = Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.toUnmodifiableSet());
    static final BigDecimal DEFAULT_THRESHOLD = BigDecimal.valueOf(50);
    private static final BigDecimal MAX_SPIKE = BigDecimal.valueOf(1_000_000);
    /** A drop cannot exceed 100 %: a larger threshold could never fire. */
    private static final BigDecimal MAX_DROP = BigDecimal.valueOf(100);
    private static final int MAX_URL_LENGTH = 2048;

    private WebhookRules() {
    }

    static String name(String name) {
        if (name == null || name.isBlank()) {
            throw InvalidFieldException.badRequest("name", "is required and must not be blank");
        }
        if (name.codePointCount(0, name.length()) > 100) {
            throw InvalidFieldException.badRequest("name", "must be at most 100 characters");
        }
        return name;
    }

    /** Only the shape; whether the target may be reached is the dispatcher's decision (TargetUrls). */
    static String url(String url) {
        if (url == null || url.isBlank()) {
            throw InvalidFieldException.badRequest("url", "is required");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw InvalidFieldException.badRequest("url", "must be at most " + MAX_URL_LENGTH + " characters");
        }
        return url;
    }

    static String[] events(List<String> events) {
        if (events == null || events.isEmpty()) {
            throw InvalidFieldException.badRequest("events", "must list at least one of " + String.join(", ", sortedEvents()));
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String event : events) {
            if (event == null || !EVENTS.contains(event)) {
                throw InvalidFieldException.badRequest("events", "unknown event " + event + "; known: " + String.join(", ", sortedEvents()));
            }
            distinct.add(event);
        }
        return distinct.stream().sorted().toArray(String[]::new);
    }

    static BigDecimal spikeThreshold(BigDecimal value) {
        return threshold("spike_threshold_pct", value, MAX_SPIKE);
    }

    static BigDecimal dropThreshold(BigDecimal value) {
        return threshold("drop_threshold_pct", value, MAX_DROP);
    }

    private static BigDecimal threshold(String field, BigDecimal value, BigDecimal max) {
        if (value == null) {
            return DEFAULT_THRESHOLD;
        }
        if (value.signum() <= 0 || value.compareTo(max) > 0) {
            throw InvalidFieldException.badRequest(field, "must be a percentage above 0 and at most " + max.toPlainString());
        }
        if (value.scale() > 2) {
            throw InvalidFieldException.badRequest(field, "must have at most two decimals");
        }
        return value;
    }

    private static List<String> sortedEvents() {
        return EVENTS.stream().sorted().toList();
    }
}
