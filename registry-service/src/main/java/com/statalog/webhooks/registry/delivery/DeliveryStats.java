package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A webhook's ended deliveries per hour, for its success-rate chart: hours in UTC, so that a
 * client groups them into its own time zone's hours and days. Send Tests are not counted, and a
 * delivery counts in the hour it was made.
 */
public record DeliveryStats(@Schema(description = "The start of the period covered") Instant since,
        @Schema(description = "Hours with at least one ended delivery, oldest first") List<Hour> hours) {

    @Schema(name = "DeliveryHour")
    public record Hour(@Schema(description = "The start of the hour (UTC)") Instant hour, long delivered, long dropped) {
    }
}
