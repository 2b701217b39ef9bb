package com.statalog.webhooks.registry.limit;

import java.time.Instant;
import java.util.UUID;

import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.auth.ApiKey;
import com.statalog.webhooks.registry.webhook.Webhook;

/** What an account holds a limited number of; {@link #wireName()} names it in the API and in problem bodies. */
public enum LimitedResource {

    WEBHOOKS("webhooks"),
    SITES("sites"),
    API_KEYS("api_keys");

    private final String wireName;

    LimitedResource(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    long countOf(UUID accountId) {
        return switch (this) {
            case WEBHOOKS -> Webhook.count("accountId", accountId);
            case SITES -> Site.count("accountId", accountId);
            // an expired key is listed until revoked, but takes no place
            case API_KEYS -> ApiKey.count("accountId = ?1 and (expiresAt is null or expiresAt > ?2)", accountId, Instant.now());
        };
    }
}
