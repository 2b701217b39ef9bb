package com.statalog.webhooks.registry.account;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.Response;

import com.statalog.webhooks.registry.limit.AccountLimits;
import com.statalog.webhooks.registry.limit.LimitedResource;
import com.statalog.webhooks.registry.outbox.Outbox;
import com.statalog.webhooks.registry.webhook.Webhook;

/**
 * An account's sites: added by the operator when the customer tracks a site with Statalog, removed
 * when the customer removes it there. Both reach every service through the configuration topic.
 */
@ApplicationScoped
public class Sites {

    private final Outbox outbox;
    private final AccountLimits limits;

    Sites(Outbox outbox, AccountLimits limits) {
        this.outbox = outbox;
        this.limits = limits;
    }

    /** Makes the site the account's: 409 when it is any account's already, or past the account's limit of sites. */
    @Transactional
    public Site add(UUID accountId, String siteId) {
        Account.require(accountId);
        if (Site.findById(siteId) != null) {
            throw new ClientErrorException("site_id already belongs to an account", Response.Status.CONFLICT);
        }
        limits.requireRoomFor(accountId, LimitedResource.SITES);
        Site site = new Site();
        site.siteId = siteId;
        site.accountId = accountId;
        site.createdAt = Instant.now();
        site.configVersion = outbox.nextSiteVersion();
        site.persist();
        outbox.siteChanged(site);
        return site;
    }

    /**
     * Removes the account's site, and the webhooks bound to it: each gets a tombstone, and so does the
     * site, so that the account's all-sites webhooks stop receiving its events and the anomaly service
     * forgets its traffic. Its id may then be added to any account, which inherits nothing of it.
     */
    @Transactional
    public void remove(UUID accountId, String siteId) {
        Account.require(accountId);
        Site site = Site.findById(siteId);
        if (site == null || !site.accountId.equals(accountId)) {
            throw new NotFoundException("no such site of this account");
        }
        List<Webhook> bound = Webhook.list("siteId", siteId);
        for (Webhook webhook : bound) {
            webhook.delete();
            outbox.webhookDeleted(webhook);
        }
        // the webhooks' rows go first: they refer to the site's
        Webhook.flush();
        site.delete();
        outbox.siteDeleted(site);
    }
}
