package com.statalog.webhooks.registry.limit;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.account.Account;

/**
 * How many webhooks, sites and API keys each account may hold: the defaults of
 * {@link RegistryConfig.Limits}, or what the operator set for the account ({@link LimitOverride}).
 */
@ApplicationScoped
public class AccountLimits {

    /** One limit of one account: what it holds, what it may hold, and whether that is the operator's override. */
    @Schema(name = "LimitUsage", description = "One limit of the account: what it holds, what it may hold, and whether that is its own override")
    public record Usage(long used, int limit, boolean overridden) {
    }

    /** The three limits of an account, as the operator sees them. */
    @Schema(name = "AccountLimits", description = "What the account holds and may hold of webhooks, sites and API keys")
    public record AccountUsage(Usage webhooks, Usage sites, Usage apiKeys) {
    }

    /** The overrides to set: a null keeps (or goes back to) the default. */
    public record Overrides(Integer webhooks, Integer sites, Integer apiKeys) {
    }

    private final RegistryConfig.Limits config;

    AccountLimits(RegistryConfig config) {
        this.config = config.limits();
    }

    /**
     * Refuses (409) a create that would take the account past its limit of {@code resource}. It
     * locks the account's row until the caller's transaction ends, so that two creates at once
     * cannot both take its last place: call it in the transaction that creates.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void requireRoomFor(UUID accountId, LimitedResource resource) {
        Account.findById(accountId, LockModeType.PESSIMISTIC_WRITE);
        int limit = limitOf(LimitOverride.findById(accountId), resource);
        if (resource.countOf(accountId) >= limit) {
            throw new LimitReachedException(resource, limit);
        }
    }

    /** The account's limits and usage; 404 when there is no such account. */
    @Transactional
    public AccountUsage usage(UUID accountId) {
        Account.require(accountId);
        LimitOverride override = LimitOverride.findById(accountId);
        return new AccountUsage(usage(accountId, override, LimitedResource.WEBHOOKS), usage(accountId, override, LimitedResource.SITES),
                usage(accountId, override, LimitedResource.API_KEYS));
    }

    /** Replaces the account's overrides; an account can be set below what it holds (it keeps it, and creates nothing more). */
    @Transactional
    public AccountUsage override(UUID accountId, Overrides overrides) {
        Account.require(accountId);
        LimitOverride override = LimitOverride.findById(accountId);
        if (override == null) {
            override = new LimitOverride();
            override.accountId = accountId;
        }
        override.webhooks = overrides.webhooks();
        override.sites = overrides.sites();
        override.apiKeys = overrides.apiKeys();
        override.updatedAt = Instant.now();
        override.persist();
        return usage(accountId);
    }

    /** The most an override may grant of {@code resource}. */
    public int ceiling(LimitedResource resource) {
        return switch (resource) {
            case WEBHOOKS -> config.maxWebhooksOverride();
            case SITES -> config.maxSitesOverride();
            case API_KEYS -> config.maxApiKeysOverride();
        };
    }

    private Usage usage(UUID accountId, LimitOverride override, LimitedResource resource) {
        return new Usage(resource.countOf(accountId), limitOf(override, resource), override != null && override.of(resource) != null);
    }

    private int limitOf(LimitOverride override, LimitedResource resource) {
        Integer granted = override == null ? null : override.of(resource);
        if (granted != null) {
            return granted;
        }
        return switch (resource) {
            case WEBHOOKS -> config.webhooksPerAccount();
            case SITES -> config.sitesPerAccount();
            case API_KEYS -> config.apiKeysPerAccount();
        };
    }
}
