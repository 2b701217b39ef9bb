package com.statalog.webhooks.registry.delivery;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.statalog.webhooks.registry.RegistryConfig;

/**
 * At most {@code statalog.send-test.max-per-window} Send Tests per webhook within a sliding
 * {@code statalog.send-test.window}, per registry replica: enough for a person debugging an
 * endpoint, too little to use us to flood one.
 */
@ApplicationScoped
public class SendTestLimiter {

    private final int max;
    private final Duration window;
    private final Map<UUID, Deque<Long>> recent = new ConcurrentHashMap<>();

    SendTestLimiter(RegistryConfig config) {
        this.max = config.sendTest().maxPerWindow();
        this.window = config.sendTest().window();
    }

    /** 0 when a test may be sent now (and counts it); otherwise the seconds until one may. */
    public long secondsUntilAllowed(UUID webhookId) {
        long now = System.nanoTime();
        Deque<Long> times = recent.computeIfAbsent(webhookId, id -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && now - times.peekFirst() >= window.toNanos()) {
                times.pollFirst();
            }
            if (times.size() < max) {
                times.addLast(now);
                return 0;
            }
            return Math.max(1, Duration.ofNanos(window.toNanos() - (now - times.peekFirst())).toSeconds());
        }
    }
}
