package com.statalog.webhooks.contracts.attempt;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One attempt, as the dispatcher publishes it to statalog.webhook-attempts (key: the webhook id)
 * for the registry's delivery log (schema: contracts/attempt.schema.json). {@code state} is the
 * delivery's state after this attempt; {@code body} (the exact bytes, base64 in JSON) comes with a
 * delivery's first attempt and with its final state, so that the registry can show the payload while
 * the delivery is retried and replay it once it has ended. {@code requestHeaders} are the headers the
 * attempt was sent with (signatures included: they are not secrets, the receiver sees them), and
 * {@code responseHeaders} the endpoint's (at most {@link #RESPONSE_HEADERS_MAX}); both are for
 * debugging a receiver, and absent for a cancel. {@code createdAt} is when the
 * dispatcher made the delivery, the same in all its records: the log keeps a delivery in the day
 * partition of that time (absent in records of dispatchers before it: the reader takes
 * {@code at}). Members added later are ignored by older readers.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonIgnoreProperties(ignoreUnknown = true)
public record AttemptRecord(String deliveryId, UUID webhookId, UUID accountId, String event, String siteId, int replay,
        int attempt, Instant at, long durationMs, Integer statusCode, String error, String responseExcerpt, String state,
        @JsonInclude(JsonInclude.Include.NON_NULL) byte[] body, Instant createdAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> requestHeaders,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, String> responseHeaders) {

    /** The most response headers a record carries, so that a receiver cannot inflate the log. */
    public static final int RESPONSE_HEADERS_MAX = 32;

    /** States after which a delivery has no further attempt. */
    public static final Set<String> FINAL_STATES = Set.of("delivered", "dropped", "cancelled");

    @JsonIgnore
    public boolean isFinal() {
        return FINAL_STATES.contains(state);
    }
}
