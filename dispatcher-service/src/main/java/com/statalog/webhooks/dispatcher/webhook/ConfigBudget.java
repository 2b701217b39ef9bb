package com.statalog.webhooks.dispatcher.webhook;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.statalog.webhooks.dispatcher.webhook.Refusal.Reason;

/**
 * What this replica agrees to hold of the configuration: at most {@code maxPerAccount} webhooks of
 * one account, at most {@code accountBytes} of estimated heap ({@link WebhookSize}) for one
 * account's sites and webhooks, and at most {@code budgetBytes} for everyone's. The account bounds
 * come first, so that one account cannot spend the budget the others need; the total bound keeps
 * the heap safe whatever the number of accounts.
 * <p>
 * Admitting charges an entity, releasing gives its charge back, so a delete frees room at once.
 * Invariant: {@code heldBytes} is the sum of the estimates of exactly the entities admitted and not
 * released, and each account's use the count and sum of its own. Used under the
 * {@link WebhookDirectory}'s lock (a single writer); the gauges read volatile totals.
 */
final class ConfigBudget {

    /** One account's admitted webhooks and estimated bytes (sites and webhooks). */
    private static final class AccountUse {
        int webhooks;
        long bytes;
    }

    private final int maxPerAccount;
    private final long budgetBytes;
    private final long accountBytes;
    private final Map<UUID, AccountUse> accounts = new HashMap<>();
    private volatile long heldBytes;

    ConfigBudget(int maxPerAccount, long budgetBytes, long accountBytes, MeterRegistry meters) {
        if (maxPerAccount < 1 || budgetBytes < 1 || accountBytes < 1) {
            throw new IllegalArgumentException("the configuration bounds must be positive");
        }
        this.maxPerAccount = maxPerAccount;
        this.budgetBytes = budgetBytes;
        this.accountBytes = accountBytes;
        Gauge.builder("statalog.config.heap.estimated", this, budget -> budget.heldBytes).baseUnit("bytes")
                .description("Estimated heap of the loaded sites and webhooks (WebhookSize)").register(meters);
        Gauge.builder("statalog.config.heap.budget", this, budget -> budget.budgetBytes).baseUnit("bytes")
                .description("The most the loaded configuration may take: statalog.config.max-heap-share of the maximum heap")
                .register(meters);
    }

    /**
     * The budget of a heap of {@code maxHeap} bytes: its {@code heapShare}, but never into the
     * {@code reserved} bytes the service and its pending deliveries need, and never below a tenth
     * of the heap (a heap smaller than the reserve is misconfigured; it still loads something).
     */
    static long budgetOf(double heapShare, long reserved, long maxHeap) {
        long shared = share("statalog.config.max-heap-share", heapShare, maxHeap);
        return Math.max(maxHeap / 10, Math.min(shared, maxHeap - reserved));
    }

    /** {@code share} of {@code bytes}, once the share is checked to be a share. */
    static long share(String name, double share, long bytes) {
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be above 0 and at most 1");
        }
        return (long) (share * bytes);
    }

    /** Charges the webhook, or says why it cannot be held (and charges nothing). */
    Optional<Refusal> admit(WebhookConfig webhook) {
        UUID account = webhook.accountId();
        AccountUse use = accounts.get(account);
        if (use != null && use.webhooks >= maxPerAccount) {
            return Optional.of(new Refusal(account, Reason.ACCOUNT_LIMIT, "the account has " + maxPerAccount
                    + " webhooks loaded (statalog.config.max-webhooks-per-account)"));
        }
        long bytes = WebhookSize.bytes(webhook);
        Optional<Refusal> refused = roomFor(account, use, bytes);
        if (refused.isEmpty()) {
            charge(account, bytes).webhooks++;
        }
        return refused;
    }

    void release(WebhookConfig webhook) {
        AccountUse use = discharge(webhook.accountId(), WebhookSize.bytes(webhook));
        use.webhooks--;
        forgetIfUnused(webhook.accountId(), use);
    }

    /** Charges the site to its account, or says why it cannot be held. */
    Optional<Refusal> admitSite(String siteId, UUID accountId) {
        long bytes = WebhookSize.siteBytes(siteId);
        Optional<Refusal> refused = roomFor(accountId, accounts.get(accountId), bytes);
        if (refused.isEmpty()) {
            charge(accountId, bytes);
        }
        return refused;
    }

    void releaseSite(String siteId, UUID accountId) {
        forgetIfUnused(accountId, discharge(accountId, WebhookSize.siteBytes(siteId)));
    }

    long heldBytes() {
        return heldBytes;
    }

    long budgetBytes() {
        return budgetBytes;
    }

    private Optional<Refusal> roomFor(UUID account, AccountUse use, long bytes) {
        if ((use == null ? 0 : use.bytes) + bytes > accountBytes) {
            return Optional.of(new Refusal(account, Reason.ACCOUNT_MEMORY, "the account's configuration would pass its share of"
                    + " the budget (statalog.config.max-account-share, " + kib(accountBytes) + " KiB)"));
        }
        if (heldBytes + bytes > budgetBytes) {
            return Optional.of(new Refusal(account, Reason.MEMORY_BUDGET, "the loaded configuration would pass its share of the"
                    + " heap (statalog.config.max-heap-share, " + kib(budgetBytes) + " KiB)"));
        }
        return Optional.empty();
    }

    private AccountUse charge(UUID account, long bytes) {
        AccountUse use = accounts.computeIfAbsent(account, id -> new AccountUse());
        use.bytes += bytes;
        heldBytes += bytes;
        return use;
    }

    private AccountUse discharge(UUID account, long bytes) {
        AccountUse use = accounts.get(account);
        if (use == null) {
            throw new IllegalStateException("released what was never admitted");
        }
        use.bytes -= bytes;
        heldBytes -= bytes;
        return use;
    }

    private void forgetIfUnused(UUID account, AccountUse use) {
        if (use.webhooks == 0 && use.bytes == 0) {
            accounts.remove(account);
        }
    }

    private static long kib(long bytes) {
        return bytes / 1024;
    }
}
