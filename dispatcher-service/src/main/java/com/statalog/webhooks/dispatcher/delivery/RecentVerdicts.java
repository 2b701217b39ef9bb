package com.statalog.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import com.statalog.webhooks.dispatcher.egress.UrlVerdict;

/**
 * The URL policy's recent verdicts, so that a busy endpoint's attempts do not each pay a name
 * lookup and a hop to a worker thread. Safe against DNS rebinding all the same: a verdict carries
 * the addresses that were checked, and the connection goes to those. A verdict is kept no longer
 * than the JVM keeps a resolved name by default (30 s), so a changed DNS answer is seen as soon as
 * it would have been without this; failed lookups are not kept at all.
 */
final class RecentVerdicts {

    private record Entry(UrlVerdict verdict, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;

    RecentVerdicts(Duration ttl, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.clock = nanoClock;
    }

    /** The verdict for this URL if one is fresh, else null. */
    UrlVerdict get(String url) {
        Entry entry = entries.get(url);
        if (entry == null) {
            return null;
        }
        if (clock.getAsLong() - entry.expiresAt() >= 0) {
            entries.remove(url, entry);
            return null;
        }
        return entry.verdict();
    }

    void put(String url, UrlVerdict verdict) {
        if (ttlNanos <= 0 || UrlVerdict.DNS.equals(verdict.errorKind())) {
            return;
        }
        if (entries.size() >= maxEntries) {
            // a crude bound, reached only with more distinct URLs than any endpoint set we serve at once
            entries.clear();
        }
        entries.put(url, new Entry(verdict, clock.getAsLong() + ttlNanos));
    }
}
