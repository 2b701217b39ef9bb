package com.statalog.webhooks.registry.config;

import java.util.UUID;

/**
 * The values of the configuration topic (docs/config-topic.md). The key of a record names the
 * entity ({@code site:<site_id>}); its value is the entity's whole current state, so the
 * compacted topic is a table that a consumer can rebuild from the start.
 */
public final class ConfigMessage {

    private ConfigMessage() {
    }

    public record SiteState(String type, String siteId, UUID accountId) {
        public static SiteState of(String siteId, UUID accountId) {
            return new SiteState("site", siteId, accountId);
        }
    }

    public static String siteKey(String siteId) {
        return "site:" + siteId;
    }
}
