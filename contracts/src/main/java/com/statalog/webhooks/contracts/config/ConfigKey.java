package com.statalog.webhooks.contracts.config;

import java.util.Optional;
import java.util.UUID;

/**
 * The key of a statalog.webhook-config record: {@code site:<site_id>} or {@code webhook:<uuid>}.
 * The value is the entity's whole current state (a tombstone when it is gone), so the compacted
 * topic is a table a consumer rebuilds from the start.
 */
public sealed interface ConfigKey {

    String SITE_PREFIX = "site:";
    String WEBHOOK_PREFIX = "webhook:";

    record Site(String siteId) implements ConfigKey {
        @Override
        public String toString() {
            return SITE_PREFIX + siteId;
        }
    }

    record Webhook(UUID id) implements ConfigKey {
        @Override
        public String toString() {
            return WEBHOOK_PREFIX + id;
        }
    }

    static String site(String siteId) {
        return new Site(siteId).toString();
    }

    static String webhook(UUID id) {
        return new Webhook(id).toString();
    }

    /** The key's entity; empty for a key of any other form, which readers skip. */
    static Optional<ConfigKey> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.startsWith(SITE_PREFIX) && key.length() > SITE_PREFIX.length()) {
            return Optional.of(new Site(key.substring(SITE_PREFIX.length())));
        }
        if (key.startsWith(WEBHOOK_PREFIX)) {
            try {
                return Optional.of(new Webhook(UUID.fromString(key.substring(WEBHOOK_PREFIX.length()))));
            } catch (IllegalArgumentException notAUuid) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
