package com.statalog.webhooks.dispatcher.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.crypto.SecretKey;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.dispatcher.intake.InboundEvent;
import com.statalog.webhooks.dispatcher.signing.SigningKeys;

/**
 * A webhook as the dispatcher knows it from the configuration topic. {@code signing} holds the keys
 * of its signing secret, decrypted only in memory; {@code previousSigning} those of the secret it
 * replaced, honoured in {@code webhook-signature} until {@code previousSigningUntil} (both null
 * when there is none). {@code goals} restricts {@code goal.converted}: empty, every goal. {@code origin}
 * is the URL's scheme, ASCII host and port (UrlPolicy.origin), worked out once per configuration.
 */
public record WebhookConfig(UUID id, UUID accountId, String siteId, String url, String origin, Set<EventType> events,
        double spikeThresholdPct, double dropThresholdPct, GoalFilter goals, boolean enabled, SigningKeys signing,
        SigningKeys previousSigning, Instant previousSigningUntil) {

    /** Whether this webhook wants the event: enabled, subscribed, its goal filter or its own threshold met. */
    public boolean wants(InboundEvent event) {
        if (!enabled || !events.contains(event.type())) {
            return false;
        }
        Double changePct = event.changePct();
        return switch (event.type()) {
            case GOAL_CONVERTED -> goals.matches(event.goalId(), event.goalName());
            case TRAFFIC_SPIKE -> changePct != null && changePct >= spikeThresholdPct;
            case TRAFFIC_DROP -> changePct != null && -changePct >= dropThresholdPct;
        };
    }

    /** The keys {@code webhook-signature} is made with at {@code now}: the secret's, then the previous one's while honoured. */
    public List<SecretKey> standardKeys(Instant now) {
        List<SecretKey> keys = new ArrayList<>(2);
        if (signing.standard() != null) {
            keys.add(signing.standard());
        }
        if (previousSigning != null && previousSigning.standard() != null && now.isBefore(previousSigningUntil)) {
            keys.add(previousSigning.standard());
        }
        return keys;
    }

    @Override
    public String toString() {
        // never print the key
        return "WebhookConfig[id=" + id + ", accountId=" + accountId + "]";
    }
}
