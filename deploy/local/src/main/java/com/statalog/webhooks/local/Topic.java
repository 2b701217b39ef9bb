package com.statalog.webhooks.local;

/**
 * Every Kafka topic of the system, in one place: the local stack and the tests create exactly
 * these (auto-creation is off), and deploy/kubernetes declares one KafkaTopic for each.
 * The services' configuration names them with these defaults.
 */
public enum Topic {
    /** Input contract: goal and traffic events, key = site_id. */
    EVENTS("statalog.events", 6, false),
    /** Input contract: pageviews from the tracking service, key = site_id. */
    PAGEVIEWS("statalog.pageviews", 6, false),
    /** Records of statalog.events that failed validation, with the reason in headers. */
    EVENTS_DEAD_LETTER("statalog.events.dead-letter", 1, false),
    /** Records of statalog.pageviews that failed validation, with the reason in headers. */
    PAGEVIEWS_DEAD_LETTER("statalog.pageviews.dead-letter", 1, false),
    /** The registry's configuration (webhooks, sites), a table: latest value per key wins. */
    WEBHOOK_CONFIG("statalog.webhook-config", 1, true),
    /** Every delivery attempt, key = webhook id: the dispatcher's record, the registry's delivery log. */
    WEBHOOK_ATTEMPTS("statalog.webhook-attempts", 6, false);

    private final String topicName;
    private final int partitions;
    private final boolean compacted;

    Topic(String topicName, int partitions, boolean compacted) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.compacted = compacted;
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    public boolean compacted() {
        return compacted;
    }
}
