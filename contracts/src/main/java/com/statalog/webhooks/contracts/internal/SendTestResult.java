package com.statalog.webhooks.contracts.internal;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * What a Send Test got: the status (null when none was received), the error kind (null for a
 * 2xx in time) and how long it took. The dispatcher answers it; the registry passes it on as the
 * answer of its own Send Test route.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SendTestResult(@Schema(nullable = true) Integer statusCode, @Schema(nullable = true) String error, long durationMs) {
}
