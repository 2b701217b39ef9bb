package com.statalog.webhooks.dispatcher.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.dispatcher.webhook.Refusal.Reason;

/** The refusal report names the accounts over their bounds, at most twenty, and forgets what was loaded or deleted since. */
class ConfigRefusalsTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ConfigRefusals refusals = new ConfigRefusals(meters);

    @Test
    void theReportIsBoundedAndCountsEveryRefusal() {
        List<UUID> accounts = IntStream.range(0, 25).mapToObj(i -> UUID.randomUUID()).toList();
        for (UUID account : accounts) {
            refusals.refused(ConfigKey.webhook(UUID.randomUUID()), new Refusal(account, Reason.ACCOUNT_LIMIT, "limit"));
            refusals.refused(ConfigKey.webhook(UUID.randomUUID()), new Refusal(account, Reason.OVERSIZED, "url"));
        }
        ConfigRefusals.Report report = refusals.report();
        assertEquals(50, report.refused());
        assertEquals(25, report.accounts());
        assertEquals(accounts.subList(0, 20).stream().map(UUID::toString).toList(), report.firstAccounts(), "the first twenty, in order");
        assertEquals(25, meters.get("statalog.config.webhooks.refused").tag("reason", "account_limit").counter().count());
        assertEquals(25, meters.get("statalog.config.accounts.over.limits").gauge().value());
    }

    @Test
    void refusalsPastWhatCanBeRememberedAreCountedOnly() {
        for (int i = 0; i < ConfigRefusals.MAX_TRACKED + 5; i++) {
            refusals.refused(ConfigKey.webhook(UUID.randomUUID()), new Refusal(UUID.randomUUID(), Reason.MEMORY_BUDGET, "budget"));
        }
        ConfigRefusals.Report report = refusals.report();
        assertEquals(ConfigRefusals.MAX_TRACKED + 5, report.refused());
        assertEquals(ConfigRefusals.MAX_TRACKED, report.accounts());
        assertEquals(ConfigRefusals.LISTED_ACCOUNTS, report.firstAccounts().size());
    }

    @Test
    void aWebhookLoadedOrDeletedSinceIsNoLongerReported() {
        UUID account = UUID.randomUUID();
        String first = ConfigKey.webhook(UUID.randomUUID());
        String second = ConfigKey.webhook(UUID.randomUUID());
        refusals.refused(first, new Refusal(account, Reason.MEMORY_BUDGET, "budget"));
        refusals.refused(second, new Refusal(account, Reason.MEMORY_BUDGET, "budget"));
        refusals.refused(second, new Refusal(account, Reason.MEMORY_BUDGET, "budget"));
        assertEquals(2, refusals.report().refused(), "the same webhook refused again is one");

        refusals.cleared(first);
        assertEquals(1, refusals.report().refused());
        refusals.cleared(second);
        assertEquals(new ConfigRefusals.Report(0, 0, List.of()), refusals.report());
    }
}
