package com.statalog.webhooks.contracts;

/**
 * Every Kafka topic of the system, in one place, each a channel of contracts/asyncapi.yaml: the
 * local stack and the tests create exactly these (auto-creation is off), and deploy/kubernetes
 * declares one KafkaTopic for each. The services' configuration names them with these defaults.
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
    WEBHOOK_ATTEMPTS("statalog.webhook-attempts", 6, false),
    /** Deliveries waiting for their second attempt (the first retry delay, 60 s). */
    DELIVERY_RETRY_1("statalog.delivery-retry-1", 6, false),
    /** Deliveries waiting for their third attempt (the second retry delay, 120 s). */
    DELIVERY_RETRY_2("statalog.delivery-retry-2", 6, false),
    /** Deliveries dropped after their last attempt, self-contained for a later replay. */
    DELIVERIES_DEAD_LETTER("statalog.deliveries.dead-letter", 3, false),
    /** Deliveries the registry asks the dispatcher to send again, key = webhook id, each with its body. */
    WEBHOOK_REPLAYS("statalog.webhook-replays", 6, false),
    /** What an account is told about its webhooks (one disabled, and why), key = account id. */
    ACCOUNT_NOTIFICATIONS("statalog.account-notifications", 3, false);

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
