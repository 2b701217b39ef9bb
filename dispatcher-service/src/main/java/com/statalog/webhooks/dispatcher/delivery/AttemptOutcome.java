package com.statalog.webhooks.dispatcher.delivery;

import java.time.Duration;
import java.util.Map;

/**
 * What one HTTP attempt came to. {@code error} is one of the design's error kinds, null on success;
 * {@code statusCode} is null when no status was received. {@code retryAfter} is the wait a 429 or
 * 503 asked for in its {@code Retry-After} header, null otherwise. {@code requestHeaders} are the
 * headers the attempt was made with (also when it failed before sending, e.g. {@code dns}), empty
 * for a cancel; {@code responseHeaders} the endpoint's as {@link ResponseHeaders} keeps them, empty
 * without an answer.
 */
public record AttemptOutcome(Integer statusCode, String error, long durationMs, String responseExcerpt, Duration retryAfter,
        Map<String, String> requestHeaders, Map<String, String> responseHeaders) {

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
        return new AttemptOutcome(null, null, 0, null, null, Map.of(), Map.of());
    }

    static AttemptOutcome ofStatus(int status, long durationMs, String excerpt, Duration retryAfter, Map<String, String> responseHeaders) {
        if (status >= 200 && status < 300) {
            return new AttemptOutcome(status, null, durationMs, excerpt, null, Map.of(), responseHeaders);
        }
        boolean asksToWait = status == 429 || status == 503;
        return new AttemptOutcome(status, status >= 300 && status < 400 ? REDIRECT : HTTP_STATUS, durationMs, excerpt,
                asksToWait ? retryAfter : null, Map.of(), responseHeaders);
    }

    static AttemptOutcome ofError(String error, long durationMs) {
        return new AttemptOutcome(null, error, durationMs, null, null, Map.of(), Map.of());
    }

    /** This outcome, for an attempt sent with {@code headers}. */
    AttemptOutcome sentWith(Map<String, String> headers) {
        return new AttemptOutcome(statusCode, error, durationMs, responseExcerpt, retryAfter, headers, responseHeaders);
    }
}
