package com.statalog.webhooks.contracts.config;

import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** The value of a {@code site:} record: which account owns the site. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SiteState(String type, String siteId, UUID accountId) {

    public static final String TYPE = "site";

    public static SiteState of(String siteId, UUID accountId) {
        return new SiteState(TYPE, siteId, accountId);
    }
}
