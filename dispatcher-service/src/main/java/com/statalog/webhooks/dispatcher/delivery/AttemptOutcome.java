package com.statalog.webhooks.dispatcher.delivery;

/**
 * What one HTTP attempt came to. {@code error} is one of the design's error kinds, null on success;
 * {@code statusCode} is null when no status was received.
 */
public record AttemptOutcome(Integer statusCode, String error, long durationMs, String responseExcerpt) {

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

    static AttemptOutcome ofStatus(int status, long durationMs, String excerpt) {
        if (status >= 200 && status < 300) {
            return new AttemptOutcome(status, null, durationMs, excerpt);
        }
        return new AttemptOutcome(status, status >= 300 && status < 400 ? REDIRECT : HTTP_STATUS, durationMs, excerpt);
    }

    static AttemptOutcome ofError(String error, long durationMs) {
        return new AttemptOutcome(null, error, durationMs, null);
    }
}
