package com.statalog.webhooks.dispatcher.webhook;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.UUID;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.dispatcher.intake.InboundEvent;
import com.statalog.webhooks.dispatcher.signing.SigningKeys;

/** Webhook configurations and events for the directory's unit tests, built without the topic. */
final class Webhooks {

    private static final SigningKeys KEYS = SigningKeys.of("whsec_dW5pdC11bml0LXVuaXQtdW5pdC11bml0LXVuaXQtdW4=".getBytes(StandardCharsets.UTF_8));

    private Webhooks() {
    }

    /** An enabled goal.converted webhook of {@code account}, on {@code site} (null: all its sites). */
    static WebhookConfig goalWebhook(UUID id, UUID account, String site, String url) {
        return new WebhookConfig(id, account, site, url, "https://hooks.example:443", EnumSet.of(EventType.GOAL_CONVERTED), 50, 50,
                GoalFilter.EVERY_GOAL, true, KEYS, null, null);
    }

    static WebhookConfig goalWebhook(UUID account, String site) {
        return goalWebhook(UUID.randomUUID(), account, site, "https://hooks.example/h");
    }

    static InboundEvent goalEvent(String site) {
        return new InboundEvent(EventType.GOAL_CONVERTED, site, null, 1L, "Signup", "{}".getBytes(StandardCharsets.UTF_8));
    }
}
