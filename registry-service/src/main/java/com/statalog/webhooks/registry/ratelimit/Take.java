package com.statalog.webhooks.registry.ratelimit;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.ConsumptionProbe;

/** One request's draw from a policy's bucket: whether it was allowed, and what the caller is told of the rate. */
public record Take(RatePolicy policy, boolean allowed, long remaining, long nanosUntilNext, long nanosUntilFull) {

    static Take of(RatePolicy policy, ConsumptionProbe probe) {
        return new Take(policy, probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill(),
                probe.getNanosToWaitForReset());
    }

    /** Whole seconds until a refused request may be sent again: at least 1. */
    public long retryAfterSeconds() {
        return Math.max(1, seconds(nanosUntilNext));
    }

    /** {@code RateLimit-Policy} and {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers): remaining units and seconds until full. */
    public Map<String, String> headers() {
        return Map.of("RateLimit-Policy", policy.header(),
                "RateLimit", "\"" + policy.name() + "\";r=" + remaining + ";t=" + seconds(nanosUntilFull));
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
