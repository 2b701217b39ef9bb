package com.statalog.webhooks.contracts;

/** The Kafka record headers the services exchange (docs/topics.md, docs/config-topic.md). */
public final class KafkaHeaders {

    /** On statalog.events: the publisher's identity of the event, 1-200 printable ASCII characters; delivery ids derive from it. */
    public static final String EVENT_ID = "statalog-event-id";
    /** On statalog.webhook-config: the entity's version, a decimal number; an older one than already applied is ignored. */
    public static final String CONFIG_VERSION = "statalog-config-version";
    /** On the dead-letter topics: why the record is there (SmallRye's dead-letter queue writes it). */
    public static final String DEAD_LETTER_REASON = "dead-letter-reason";

    private KafkaHeaders() {
    }
}
