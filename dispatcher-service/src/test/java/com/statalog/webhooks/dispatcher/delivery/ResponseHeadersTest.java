package com.statalog.webhooks.dispatcher.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.vertx.core.MultiMap;

import com.statalog.webhooks.contracts.attempt.AttemptRecord;

class ResponseHeadersTest {

    @Test
    void namesAreLowerCaseAndRepeatedHeadersAreJoined() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("Content-Type", "text/plain")
                .add("Set-Cookie", "a=1")
                .add("set-cookie", "b=2");
        assertEquals(Map.of("content-type", "text/plain", "set-cookie", "a=1, b=2"), ResponseHeaders.of(headers));
    }

    @Test
    void anEndpointCannotInflateTheLog() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (int i = 0; i < 100; i++) {
            headers.add("x-header-" + i, "v".repeat(10_000));
        }
        Map<String, String> kept = ResponseHeaders.of(headers);
        assertEquals(AttemptRecord.RESPONSE_HEADERS_MAX, kept.size());
        kept.values().forEach(value -> assertEquals(ResponseHeaders.VALUE_MAX, value.length()));
    }
}
