package com.statalog.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Reads a {@code Retry-After} header (RFC 9110 10.2.3): a number of seconds or an HTTP date.
 * Anything else, and a date in the past, asks for no particular wait.
 */
final class RetryAfter {

    /** Digits beyond this many are a wait far past any cap: read as the largest wait, not an overflow. */
    private static final int MAX_DIGITS = 9;

    private RetryAfter() {
    }

    /** The wait asked for, or null when the header is absent or unreadable. */
    static Duration parse(String header, Instant now) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        if (!value.isEmpty() && value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return value.length() > MAX_DIGITS ? Duration.ofSeconds(999_999_999L) : Duration.ofSeconds(Long.parseLong(value));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
