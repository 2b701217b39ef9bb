package com.statalog.webhooks.dispatcher.intake;

import java.util.List;

/** Why a record was dead-lettered: a short machine-readable kind and a human-readable reason. */
public class InvalidEventException extends RuntimeException {

    /** Every kind there is: each has its dead-letter counter from the start ({@link EventConsumer}). */
    public static final List<String> KINDS = List.of("empty_value", "too_large", "not_json", "not_object", "missing_event",
            "unknown_event", "missing_site_id", "key_mismatch", "missing_change_pct");

    private final String kind;

    public InvalidEventException(String kind, String reason) {
        super(kind + ": " + reason, null, false, false);
        if (!KINDS.contains(kind)) {
            throw new IllegalArgumentException("a dead-letter kind missing from KINDS: " + kind);
        }
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
