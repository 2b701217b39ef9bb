package com.statalog.webhooks.dispatcher.delivery;

import java.time.Duration;

/**
 * What one HTTP attempt came to. {@code error} is one of the design's error kinds, null on success;
 * {@code statusCode} is null when no status was received. {@code retryAfter} is the wait a 429 or
 * 503 asked for in its {@code Retry-After} header, null otherwise.
 */
public record AttemptOutcome(Integer statusCode, String error, long durationMs, String responseExcerpt, Duration retryAfter) {

    /** An endpoint that answers 410 Gone asks never to be called again. */
    private static final int GONE = 410;

    public static final String TIMEOUT = "timeout";
    public static final String CONNECTION_REFUSED = "connection_refused";
    public static final String CONNECTION_RESET = "connection_reset";
    public static final String TLS = "tls";
    public static final String DNS = "dns";
    public static final String BLOCKED_ADDRESS = "blocked_address";
    public static final String REDIRECT = "redirect";
    public static final String HTTP_STATUS = "http_status";

    public boolean delivered() {
        return error == null;
    }

    public boolean gone() {
        return statusCode != null && statusCode == GONE;
    }

    /** No request was made: the delivery was cancelled before its attempt. */
    static AttemptOutcome none() {
        return new AttemptOutcome(null, null, 0, null, null);
    }

    static AttemptOutcome ofStatus(int status, long durationMs, String excerpt, Duration retryAfter) {
        if (status >= 200 && status < 300) {
            return new AttemptOutcome(status, null, durationMs, excerpt, null);
        }
        boolean asksToWait = status == 429 || status == 503;
        return new AttemptOutcome(status, status >= 300 && status < 400 ? REDIRECT : HTTP_STATUS, durationMs, excerpt,
                asksToWait ? retryAfter : null);
    }

    static AttemptOutcome ofError(String error, long durationMs) {
        return new AttemptOutcome(null, error, durationMs, null, null);
    }
}
