package com.statalog.webhooks.registry.webhook;

/**
 * What each field of a webhook means, in the spec's words, for the OpenAPI document: written once
 * for the body that creates a webhook, the one that changes it, and the answer that shows it.
 */
final class WebhookFields {

    static final String NAME = "A name for people, e.g. \"Slack goal alerts\" or \"CRM signup sync\"; 1 to 100 characters";
    static final String URL = "The HTTPS URL of the endpoint that receives the POST requests; it must be publicly reachable";
    static final String EVENTS = "The events to deliver, one or more of `goal.converted`, `traffic.spike`, `traffic.drop` "
            + "(the catalogue: `GET /api/v1/event-types`)";
    static final String SITE_ID = "Deliver only this site's events (a site of the account); null or absent: every site of the account";
    static final String SPIKE = "`traffic.spike` fires when yesterday's visitors exceed the 30-day rolling daily average by more "
            + "than this percentage; default 50";
    static final String DROP = "`traffic.drop` fires when yesterday's visitors fall below the 30-day rolling daily average by more "
            + "than this percentage; default 50";
    static final String GOALS = "Deliver `goal.converted` only for these goals, by id or by name; null: every goal";
    static final String ENABLED = "Whether events are delivered; default true. The platform disables a webhook whose endpoint "
            + "answers 410 Gone or whose deliveries keep failing (`disabled_reason`)";
    /** Blank is refused; a portable pattern (JSON Schema patterns are unanchored), unlike the Java flags of the check itself. */
    static final String NOT_BLANK = "\\S";

    private WebhookFields() {
    }
}
