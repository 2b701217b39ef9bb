package com.statalog.webhooks.anomaly.visitors;

import java.util.List;

/** Why a pageview record was dead-lettered; the message starts with a short machine-readable kind. */
public class InvalidPageviewException extends RuntimeException {

    /** Every kind there is: each has its dead-letter counter from the start ({@link PageviewConsumer}). */
    public static final List<String> KINDS = List.of("empty_value", "too_large", "not_json", "not_object", "key_mismatch",
            "bad_timestamp", "bad_site_id", "bad_visitor_id");

    public InvalidPageviewException(String reason) {
        super(reason, null, false, false);
        if (!KINDS.contains(kind())) {
            throw new IllegalArgumentException("a dead-letter kind missing from KINDS: " + kind());
        }
    }

    public String kind() {
        return getMessage().substring(0, getMessage().indexOf(':'));
    }
}
