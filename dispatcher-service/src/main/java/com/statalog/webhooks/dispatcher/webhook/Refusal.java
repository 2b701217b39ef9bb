package com.statalog.webhooks.dispatcher.webhook;

import java.util.UUID;

/**
 * Why a webhook (or a site) of the configuration topic is not loaded by this replica, and whose it
 * is. {@code detail} says which bound, never a value of the message (values hold URLs and secrets).
 */
record Refusal(UUID accountId, Reason reason, String detail) {

    /** The kinds of refusal: the {@code reason} tag of {@code statalog.config.webhooks.refused}, so few and fixed. */
    enum Reason {
        /** Larger than any registry writes (WebhookSize). */
        OVERSIZED("oversized"),
        /** The account already has statalog.config.max-webhooks-per-account webhooks loaded. */
        ACCOUNT_LIMIT("account_limit"),
        /** The account's sites and webhooks would pass statalog.config.max-account-share of the budget. */
        ACCOUNT_MEMORY("account_memory"),
        /** The loaded configuration's estimate would pass statalog.config.max-heap-share of the heap. */
        MEMORY_BUDGET("memory_budget");

        final String tag;

        Reason(String tag) {
            this.tag = tag;
        }
    }

    @Override
    public String toString() {
        return reason.tag + ": " + detail;
    }
}
