package com.statalog.webhooks.registry.webhook;

import java.util.Locale;

/** Why a webhook is disabled, as {@code disabled_reason} shows it. */
public enum DisabledReason {
    /** The account disabled it (PATCH, or created it disabled). */
    MANUAL("the webhook was disabled through the API"),
    /** Its endpoint answered 410 Gone: it asks never to be called again. */
    ENDPOINT_GONE("the endpoint answered 410 Gone"),
    /** Every delivery was dropped for the configured span (statalog.auto-disable.after). */
    DELIVERIES_FAILING("every delivery has been dropped for too long");

    private final String explanation;

    DisabledReason(String explanation) {
        this.explanation = explanation;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String explanation() {
        return explanation;
    }
}
