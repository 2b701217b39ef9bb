package com.statalog.webhooks.dispatcher.webhook;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.dispatcher.webhook.Refusal.Reason;

/**
 * What this replica refused to load of the configuration topic, for the operator: which accounts
 * are over their bounds (the readiness check {@code configuration-topic} lists the first
 * {@value #LISTED_ACCOUNTS}), how many entities are refused now, and a counter per reason. An
 * account is logged once when it goes over (with the reason, never a value of the message), and
 * only the first {@value #LISTED_ACCOUNTS} accounts are: when the budget of the whole replica is
 * spent every later account goes over with one webhook, and one line each would flood the log.
 * <p>
 * Bounded whatever the topic holds: at most {@value #MAX_TRACKED} refused entities and as many
 * accounts are remembered, so that loading or deleting one takes it off the report; refusals
 * beyond that are only counted, and stay counted until the replica restarts.
 */
@ApplicationScoped
public class ConfigRefusals {

    /** Accounts named in the health output and logged one by one; the rest are counted. */
    static final int LISTED_ACCOUNTS = 20;
    static final int MAX_TRACKED = 10_000;

    private static final Logger LOG = Logger.getLogger(ConfigRefusals.class);

    /** Refused entities by record key (webhook:… or site:…), with their account. */
    private final Map<String, UUID> refused = new HashMap<>();
    /** Accounts with refusals now, in the order they went over, with how many. */
    private final Map<UUID, Long> accounts = new LinkedHashMap<>();
    private final Map<Reason, Counter> webhooksRefused = new EnumMap<>(Reason.class);
    private final Counter sitesRefused;
    /** Entities refused now: the sum of {@link #accounts}' counts and of the refusals too many to remember. */
    private long refusedNow;
    /** Refusals neither their entity nor their account could be remembered for (past {@value #MAX_TRACKED}). */
    private long untracked;
    private long accountsLogged;

    ConfigRefusals(MeterRegistry meters) {
        for (Reason reason : Reason.values()) {
            webhooksRefused.put(reason, Counter.builder("statalog.config.webhooks.refused").tag("reason", reason.tag)
                    .description("Webhooks of the configuration topic not loaded: past a bound of statalog.config.*, or larger than the registry writes")
                    .register(meters));
        }
        this.sitesRefused = Counter.builder("statalog.config.sites.refused")
                .description("Sites of the configuration topic not loaded: past their account's or the replica's share of the heap")
                .register(meters);
        Gauge.builder("statalog.config.accounts.over.limits", this, ConfigRefusals::accountCount)
                .description("Accounts with webhooks or sites this replica refused to load (at most " + MAX_TRACKED + " counted)")
                .register(meters);
    }

    /** The entity of {@code key} is not loaded, for {@code refusal}'s reason. */
    synchronized void refused(String key, Refusal refusal) {
        if (key.startsWith(ConfigKey.SITE_PREFIX)) {
            sitesRefused.increment();
        } else {
            webhooksRefused.get(refusal.reason()).increment();
        }
        UUID before = refused.get(key);
        if (before != null) {
            if (before.equals(refusal.accountId())) {
                return;
            }
            cleared(key);
        }
        refusedNow++;
        boolean knownAccount = accounts.containsKey(refusal.accountId());
        if (refused.size() >= MAX_TRACKED || !knownAccount && accounts.size() >= MAX_TRACKED) {
            untracked++;
            return;
        }
        refused.put(key, refusal.accountId());
        accounts.merge(refusal.accountId(), 1L, Long::sum);
        if (!knownAccount) {
            logOver(refusal);
        }
    }

    /** The entity of {@code key} is loaded now, or deleted: no longer refused. */
    synchronized void cleared(String key) {
        UUID account = refused.remove(key);
        if (account != null) {
            refusedNow--;
            accounts.computeIfPresent(account, (id, count) -> count > 1 ? count - 1 : null);
        }
    }

    /** What the health output shows: bounded whatever was refused. */
    synchronized Report report() {
        List<String> listed = accounts.keySet().stream().limit(LISTED_ACCOUNTS).map(UUID::toString).toList();
        return new Report(refusedNow, accounts.size(), listed);
    }

    private void logOver(Refusal refusal) {
        accountsLogged++;
        if (accountsLogged <= LISTED_ACCOUNTS) {
            LOG.warnf("account %s is over the configuration bounds of this replica, its refused webhooks are not delivered"
                    + " (%s); see statalog_config_webhooks_refused_total and the readiness check configuration-topic",
                    refusal.accountId(), refusal);
        } else if (accountsLogged == LISTED_ACCOUNTS + 1) {
            LOG.warnf("more accounts are over the configuration bounds of this replica (%s); they are no longer logged one by one:"
                    + " see statalog_config_accounts_over_limits and the readiness check configuration-topic", refusal);
        }
    }

    private synchronized double accountCount() {
        return accounts.size();
    }

    /** Entities refused now, accounts with refusals (at most {@value #MAX_TRACKED}), and the first {@value #LISTED_ACCOUNTS} of them. */
    record Report(long refused, int accounts, List<String> firstAccounts) {
    }
}
