package com.statalog.webhooks.registry.ratelimit;

import java.time.Duration;

import io.github.bucket4j.BucketConfiguration;

/**
 * A named rate: up to {@code capacity} requests at once, refilled evenly over {@code window}
 * (a token bucket). {@code name} is the policy's name in the {@code RateLimit} headers.
 */
public record RatePolicy(String name, int capacity, Duration window) {

    BucketConfiguration configuration() {
        return BucketConfiguration.builder().addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, window)).build();
    }

    /**
     * The bucket's key for one subject. The rate is part of it, so that a changed setting takes
     * effect at once, in fresh buckets, while the old ones expire.
     */
    String key(String subject) {
        return name + ":" + subject + ":" + capacity + "/" + window.toSeconds();
    }

    /** {@code RateLimit-Policy}'s item for this policy (draft-ietf-httpapi-ratelimit-headers): quota and window in seconds. */
    String header() {
        return "\"" + name + "\";q=" + capacity + ";w=" + window.toSeconds();
    }
}
