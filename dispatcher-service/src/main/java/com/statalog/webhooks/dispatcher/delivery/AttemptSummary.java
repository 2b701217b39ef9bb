package com.statalog.webhooks.dispatcher.delivery;

import java.time.Instant;

/** A past attempt, as a retry or dead-letter record carries it. */
public record AttemptSummary(int attempt, Instant at, Integer statusCode, String error) {
}
