package com.statalog.webhooks.dispatcher.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class RetryAfterTest {

    private static final Instant NOW = Instant.parse("2026-11-27T09:00:00Z");

    @Test
    void secondsAndHttpDatesAreRead() {
        assertEquals(Duration.ofSeconds(120), RetryAfter.parse("120", NOW));
        assertEquals(Duration.ofSeconds(7), RetryAfter.parse(" 7 ", NOW));
        assertEquals(Duration.ZERO, RetryAfter.parse("0", NOW));
        assertEquals(Duration.ofSeconds(90), RetryAfter.parse("Fri, 27 Nov 2026 09:01:30 GMT", NOW));
    }

    @Test
    void aDateInThePastAsksForNoWait() {
        assertEquals(Duration.ZERO, RetryAfter.parse("Thu, 26 Nov 2026 09:00:00 GMT", NOW));
    }

    @Test
    void aHugeNumberIsALongWaitNotAnOverflow() {
        assertEquals(Duration.ofSeconds(999_999_999L), RetryAfter.parse("99999999999999999999999", NOW));
    }

    @Test
    void anythingElseIsIgnored() {
        for (String header : new String[] {null, "", "-5", "1.5", "soon", "120s", "27 Nov 2026", "0x10"}) {
            assertNull(RetryAfter.parse(header, NOW), header);
        }
    }
}
