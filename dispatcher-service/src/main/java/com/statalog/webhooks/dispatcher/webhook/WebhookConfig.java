package com.statalog.webhooks.dispatcher.webhook;

import java.util.Set;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.statalog.webhooks.dispatcher.intake.EventType;

/**
 * A webhook as the dispatcher knows it from the configuration topic. {@code signingKey} is the
 * signing secret's UTF-8 bytes as an HMAC key, decrypted only in memory.
 */
public record WebhookConfig(UUID id, UUID accountId, String siteId, String url, Set<EventType> events,
        double spikeThresholdPct, double dropThresholdPct, boolean enabled, SecretKey signingKey) {

    /** Whether this webhook wants the event: enabled, subscribed, and for traffic events its own threshold crossed. */
    public boolean wants(EventType type, Double changePct) {
        if (!enabled || !events.contains(type)) {
            return false;
        }
        return switch (type) {
            case GOAL_CONVERTED -> true;
            case TRAFFIC_SPIKE -> changePct != null && changePct >= spikeThresholdPct;
            case TRAFFIC_DROP -> changePct != null && -changePct >= dropThresholdPct;
        };
    }

    @Override
    public String toString() {
        // never print the key
        return "WebhookConfig[id=" + id + ", accountId=" + accountId + "]";
    }
}
