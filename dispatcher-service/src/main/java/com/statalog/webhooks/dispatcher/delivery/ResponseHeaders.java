package com.statalog.webhooks.dispatcher.delivery;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import io.vertx.core.MultiMap;

import com.statalog.webhooks.contracts.attempt.AttemptRecord;

/**
 * An endpoint's response headers as the delivery log keeps them, to debug a receiver: names in
 * lower case, repeated headers joined with ", " (as HTTP allows), at most
 * {@link AttemptRecord#RESPONSE_HEADERS_MAX} headers of at most {@link #VALUE_MAX} characters each, so
 * that an endpoint cannot inflate the attempt topic or the log.
 */
final class ResponseHeaders {

    static final int VALUE_MAX = 256;

    private ResponseHeaders() {
    }

    static Map<String, String> of(MultiMap headers) {
        Map<String, String> kept = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            String value = kept.containsKey(name) ? kept.get(name) + ", " + header.getValue() : header.getValue();
            if (kept.containsKey(name) || kept.size() < AttemptRecord.RESPONSE_HEADERS_MAX) {
                kept.put(name, value.length() > VALUE_MAX ? value.substring(0, VALUE_MAX) : value);
            }
        }
        return kept;
    }
}
