package com.statalog.webhooks.dispatcher.retry;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * A retry that is due starts when it is due, whatever else its topic holds (%test: retries after
 * 1 s and 2 s, a 2 s deadline): here hundreds of a hanging endpoint's attempts cycle through the
 * first retry topic while another endpoint's first attempt fails. Before, the retry consumer
 * waited for every attempt of a poll (up to the deadline) before reading on.
 */
@QuarkusTest
class RetryPathIsolationTest {

    private static final int HANGING_EVENTS = 300;

    @Inject
    WebhookDirectory directory;

    @Inject
    MeterRegistry meters;

    @Test
    void aDueRetryIsNotHeldUpByAHangingEndpointsRetries() {
        try (Receiver receiver = new Receiver()) {
            TestHook hanging = new TestHook(receiver, "/hangs", directory);
            TestHook flaky = new TestHook(receiver, "/fails-once", directory);
            receiver.hang(hanging.path, 10_000);
            receiver.answerInTurn(flaky.path, 500);
            double deferredBefore = meters.counter("statalog.deliveries.deferred").count();
            TestKafkaClient.sendAll("statalog.events", hanging.site, Collections.nCopies(HANGING_EVENTS, hanging.event));
            // the hanging endpoint's attempts are in the retry path: timed out, or deferred while it is stuck
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> meters.counter("statalog.deliveries.deferred").count() - deferredBefore >= HANGING_EVENTS / 2);

            for (int round = 0; round < 3; round++) {
                String path = flaky.path;
                int before = receiver.received(path).size();
                if (round > 0) {
                    receiver.answerInTurn(path, 500);
                }
                flaky.send();
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(path).size() >= before + 2);
                List<Receiver.Received> requests = receiver.received(path);
                double late = (requests.get(before + 1).atNanos() - requests.get(before).atNanos()) / 1e9 - 1.0;
                System.out.printf("retry path isolation, round %d: the retry came %.3f s after it was due%n", round, late);
                assertTrue(late < 1.0, "round " + round + ": the retry came " + late + " s after it was due");
            }
            // its attempts are cancelled rather than left cycling under the tests after this one
            hanging.publish(receiver.url(hanging.path), false, TestHook.SECRET);
            receiver.hang(hanging.path, 0);
        }
    }
}
