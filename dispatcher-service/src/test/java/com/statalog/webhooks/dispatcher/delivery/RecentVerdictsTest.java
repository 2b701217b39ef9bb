package com.statalog.webhooks.dispatcher.delivery;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.statalog.webhooks.dispatcher.egress.UrlVerdict;

class RecentVerdictsTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final RecentVerdicts verdicts = new RecentVerdicts(Duration.ofSeconds(10), 2, now::get);
    private final UrlVerdict allowed = UrlVerdict.allowed(URI.create("https://example.com/hook"),
            List.of(InetAddress.getLoopbackAddress()));

    @Test
    void aVerdictIsReusedUntilItsTimeIsUp() {
        verdicts.put("https://example.com/hook", allowed);

        now.addAndGet(Duration.ofSeconds(10).toNanos() - 1);
        assertSame(allowed, verdicts.get("https://example.com/hook"));

        now.incrementAndGet();
        assertNull(verdicts.get("https://example.com/hook"), "expired: the URL is checked again");
    }

    @Test
    void aRefusalIsReusedButAFailedLookupIsNot() {
        UrlVerdict blocked = UrlVerdict.refused(UrlVerdict.BLOCKED_ADDRESS, "private", URI.create("http://10.0.0.1/"));
        UrlVerdict unresolved = UrlVerdict.refused(UrlVerdict.DNS, "no such host", URI.create("http://nowhere.invalid/"));

        verdicts.put("http://10.0.0.1/", blocked);
        verdicts.put("http://nowhere.invalid/", unresolved);

        assertSame(blocked, verdicts.get("http://10.0.0.1/"));
        assertNull(verdicts.get("http://nowhere.invalid/"), "a name that did not resolve may resolve at the next attempt");
    }

    @Test
    void theNumberOfVerdictsKeptIsBounded() {
        verdicts.put("https://a.example/", allowed);
        verdicts.put("https://b.example/", allowed);
        verdicts.put("https://c.example/", allowed);

        assertNull(verdicts.get("https://a.example/"));
        assertSame(allowed, verdicts.get("https://c.example/"));
    }

    @Test
    void aZeroTimeKeepsNothing() {
        RecentVerdicts never = new RecentVerdicts(Duration.ZERO, 10, now::get);
        never.put("https://example.com/hook", allowed);

        assertNull(never.get("https://example.com/hook"));
    }
}
