package com.statalog.webhooks.dispatcher.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.intake.InboundEvent;

/**
 * The registry's configuration, materialised in memory from the configuration topic: which account
 * owns each site, and every webhook, indexed by its site or, for all-sites webhooks, by its account.
 * Dispatch depends on it alone, so it goes on while the registry is down.
 * <p>
 * Bounded: a site or webhook the {@link ConfigBudget} cannot hold is refused, and whatever this
 * replica held under the same id before is removed with it, so that a webhook never delivers with
 * a configuration older than the one the registry published. Writers (the configuration reader's
 * single thread) hold the lock; readers ({@link #subscribers}) never lock.
 */
@ApplicationScoped
public class WebhookDirectory {

    private final Map<String, UUID> siteAccounts = new ConcurrentHashMap<>();
    private final Map<UUID, WebhookConfig> webhooks = new ConcurrentHashMap<>();
    private final Map<String, Set<UUID>> bySite = new ConcurrentHashMap<>();
    private final Map<UUID, Set<UUID>> allSitesByAccount = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    private final ConfigBudget budget;

    @Inject
    WebhookDirectory(MeterRegistry meters, DispatcherConfig config) {
        this(meters, budget(config.config(), Runtime.getRuntime().maxMemory(), meters));
    }

    private static ConfigBudget budget(DispatcherConfig.ConfigBounds bounds, long maxHeap, MeterRegistry meters) {
        long budget = ConfigBudget.budgetOf(bounds.maxHeapShare(), bounds.reservedHeap().asLongValue(), maxHeap);
        long perAccount = ConfigBudget.share("statalog.config.max-account-share", bounds.maxAccountShare(), budget);
        return new ConfigBudget(bounds.maxWebhooksPerAccount(), budget, perAccount, meters);
    }

    WebhookDirectory(MeterRegistry meters, ConfigBudget budget) {
        this.budget = budget;
        Gauge.builder("statalog.webhooks.loaded", webhooks, Map::size)
                .description("Webhooks known from the configuration topic (enabled or not)").register(meters);
    }

    /** Completes once the topic has been read up to where it ended when the dispatcher started. */
    public CompletionStage<Void> caughtUp() {
        return caughtUp;
    }

    public boolean isCaughtUp() {
        return caughtUp.isDone();
    }

    void markCaughtUp() {
        caughtUp.complete(null);
    }

    /** Holds the site's account, or refuses it (removing what was held for the site) when the budget is spent. */
    synchronized Optional<Refusal> putSite(String siteId, UUID accountId) {
        removeSite(siteId);
        Optional<Refusal> refused = budget.admitSite(siteId, accountId);
        if (refused.isEmpty()) {
            siteAccounts.put(siteId, accountId);
        }
        return refused;
    }

    synchronized void removeSite(String siteId) {
        UUID account = siteAccounts.remove(siteId);
        if (account != null) {
            budget.releaseSite(siteId, account);
        }
    }

    /**
     * Holds the webhook in place of its previous configuration, or refuses it: then neither is held.
     * O(1) in the number of webhooks of its site or account ({@link IdSets}).
     */
    synchronized Optional<Refusal> putWebhook(WebhookConfig webhook) {
        removeWebhook(webhook.id());
        Optional<Refusal> refused = budget.admit(webhook);
        if (refused.isPresent()) {
            return refused;
        }
        webhooks.put(webhook.id(), webhook);
        if (webhook.siteId() != null) {
            bySite.compute(webhook.siteId(), (site, ids) -> IdSets.with(ids, webhook.id()));
        } else {
            allSitesByAccount.compute(webhook.accountId(), (account, ids) -> IdSets.with(ids, webhook.id()));
        }
        return Optional.empty();
    }

    synchronized void removeWebhook(UUID id) {
        WebhookConfig old = webhooks.remove(id);
        if (old == null) {
            return;
        }
        budget.release(old);
        if (old.siteId() != null) {
            bySite.computeIfPresent(old.siteId(), (site, ids) -> IdSets.without(ids, id));
        } else {
            allSitesByAccount.computeIfPresent(old.accountId(), (account, ids) -> IdSets.without(ids, id));
        }
    }

    /** The webhook as currently configured, or null when it was deleted (or refused). */
    public WebhookConfig webhook(UUID id) {
        return webhooks.get(id);
    }

    /** Every webhook that should receive the event: its own site's, and its account's all-sites webhooks. */
    public List<WebhookConfig> subscribers(InboundEvent event) {
        List<WebhookConfig> subscribers = new ArrayList<>();
        collect(bySite.get(event.siteId()), event, subscribers);
        UUID account = siteAccounts.get(event.siteId());
        if (account != null) {
            collect(allSitesByAccount.get(account), event, subscribers);
        }
        return subscribers;
    }

    /** The estimated heap of what is held, and the most it may be (for the benchmark and the health output). */
    long heldBytes() {
        return budget.heldBytes();
    }

    long budgetBytes() {
        return budget.budgetBytes();
    }

    private void collect(Set<UUID> ids, InboundEvent event, List<WebhookConfig> into) {
        if (ids == null) {
            return;
        }
        for (UUID id : ids) {
            WebhookConfig webhook = webhooks.get(id);
            if (webhook != null && webhook.wants(event)) {
                into.add(webhook);
            }
        }
    }
}
