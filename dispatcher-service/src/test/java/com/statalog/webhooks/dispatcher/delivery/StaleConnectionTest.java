package com.statalog.webhooks.dispatcher.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;

import com.statalog.webhooks.dispatcher.egress.UrlPolicy;
import com.statalog.webhooks.testkit.HostileReceiver.Behaviour;
import com.statalog.webhooks.testkit.HostileReceiver;

/**
 * Receivers close idle keep-alive connections on their own clock (Node.js after 5 s, nginx after
 * 75 s), and one may do so just as the dispatcher reuses the connection. That is not the
 * endpoint failing: the attempt starts over once on a fresh connection. A connection the receiver
 * resets on its first request is still the endpoint's answer.
 */
class StaleConnectionTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    @Test
    void aKeepAliveConnectionClosedAsItIsReusedIsNotCountedAgainstTheEndpoint() {
        try (HostileReceiver receiver = HostileReceiver.start(Behaviour.CLOSE_REUSED)) {
            GuardedHttpClient client = client();
            for (int i = 1; i <= 3; i++) {
                AttemptOutcome outcome = post(client, receiver.url("/hook"));
                assertNull(outcome.error(), "attempt " + i + ": " + outcome);
                assertEquals(200, outcome.statusCode(), "attempt " + i);
            }
            // the first on a fresh connection; each later one tried the pooled connection, then a fresh one
            assertEquals(5, receiver.requests());
        }
    }

    @Test
    void aResetOnAFreshConnectionIsTheEndpointsAnswerAndIsNotTriedAgain() {
        try (HostileReceiver receiver = HostileReceiver.start(Behaviour.RESET)) {
            AttemptOutcome outcome = post(client(), receiver.url("/hook"));

            assertEquals(AttemptOutcome.CONNECTION_RESET, outcome.error(), outcome.toString());
            assertEquals(1, receiver.requests());
        }
    }

    private static AttemptOutcome post(GuardedHttpClient client, String url) {
        return client.post(url, Map.of("Content-Type", "application/json"), "{}".getBytes()).toCompletableFuture().join();
    }

    private GuardedHttpClient client() {
        return new GuardedHttpClient(vertx, new UrlPolicy(true, host -> List.of(InetAddress.getLoopbackAddress())), Duration.ofSeconds(5),
                1024, Duration.ZERO, 8);
    }
}
