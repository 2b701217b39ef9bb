package com.statalog.webhooks.registry.delivery;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.ratelimit.RatePolicy;
import com.statalog.webhooks.registry.ratelimit.SharedBuckets;
import com.statalog.webhooks.registry.ratelimit.Take;

/**
 * Send Tests per webhook ({@code statalog.send-test.max-per-window}) and per account
 * ({@code max-per-account}) within {@code statalog.send-test.window}, shared by every registry
 * replica ({@link SharedBuckets}): enough for a person debugging an endpoint, too little to use us
 * to flood one, or many.
 */
@ApplicationScoped
public class SendTestLimiter {

    private final SharedBuckets buckets;
    private final RatePolicy perWebhook;
    private final RatePolicy perAccount;

    SendTestLimiter(SharedBuckets buckets, RegistryConfig config) {
        this.buckets = buckets;
        this.perWebhook = new RatePolicy("send-test-webhook", config.sendTest().maxPerWindow(), config.sendTest().window());
        this.perAccount = new RatePolicy("send-test-account", config.sendTest().maxPerAccount(), config.sendTest().window());
    }

    /** The draw that decides: the webhook's, or the account's when the webhook's allowed it. */
    public Take take(UUID accountId, UUID webhookId) {
        Take webhook = buckets.take(perWebhook, webhookId.toString());
        return webhook.allowed() ? buckets.take(perAccount, accountId.toString()) : webhook;
    }
}
