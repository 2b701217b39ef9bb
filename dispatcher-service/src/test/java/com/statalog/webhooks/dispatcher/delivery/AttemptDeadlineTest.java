package com.statalog.webhooks.dispatcher.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import com.statalog.webhooks.dispatcher.egress.HostResolver;
import com.statalog.webhooks.dispatcher.egress.UrlPolicy;
import com.statalog.webhooks.testkit.Receiver;

/**
 * The delivery window runs from the start of the attempt: resolving the host counts in it (the
 * design's contract), so slow name resolution followed by a slow answer is a timeout, however
 * quickly each part alone would have fitted. Deadline 2 s here.
 */
class AttemptDeadlineTest {

    private static final Duration DEADLINE = Duration.ofSeconds(2);

    private final Vertx vertx = Vertx.vertx();
    private final Receiver receiver = new Receiver();

    @AfterEach
    void close() {
        receiver.close();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void resolutionAndTheAnswerTogetherPastTheDeadlineAreATimeout() {
        receiver.hang("/slow", 1_000);
        GuardedHttpClient client = client(slowResolver(1_500));

        AttemptOutcome outcome = post(client, "/slow");

        assertEquals(AttemptOutcome.TIMEOUT, outcome.error(), "1.5 s to resolve + 1 s to answer does not fit 2 s: " + outcome);
        assertTrue(outcome.durationMs() >= DEADLINE.toMillis() && outcome.durationMs() < 3_500, "ended at the deadline: " + outcome);
    }

    @Test
    void aResolverThatHangsEndsTheAttemptAtTheDeadline() {
        GuardedHttpClient client = client(slowResolver(5_000));

        long started = System.nanoTime();
        AttemptOutcome outcome = post(client, "/never-asked");

        assertEquals(AttemptOutcome.TIMEOUT, outcome.error());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(3_000)) < 0, "ended at the deadline");
        assertTrue(receiver.received("/never-asked").isEmpty());
    }

    @Test
    void resolutionAndAnAnswerWithinTheDeadlineAreDelivered() {
        receiver.hang("/in-time", 500);
        AttemptOutcome outcome = post(client(slowResolver(500)), "/in-time");

        assertEquals(200, outcome.statusCode(), outcome.toString());
    }

    private AttemptOutcome post(GuardedHttpClient client, String path) {
        String url = receiver.url(path).replace("127.0.0.1", "slow.example");
        return client.post(url, Map.of("Content-Type", "application/json"), "{}".getBytes()).toCompletableFuture().join();
    }

    private GuardedHttpClient client(HostResolver resolver) {
        return new GuardedHttpClient(vertx, new UrlPolicy(true, resolver), DEADLINE, 1024, Duration.ZERO, 8);
    }

    private static HostResolver slowResolver(long millis) {
        return host -> {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of(InetAddress.getLoopbackAddress());
        };
    }
}
