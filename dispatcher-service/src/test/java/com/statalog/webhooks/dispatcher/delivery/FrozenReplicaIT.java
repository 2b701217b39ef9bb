package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * A dispatcher that stands still longer than its Kafka session (a long pause of the JVM, a frozen
 * machine; also what a broker restart can look like to a consumer) is put out of its group while
 * it delivers a backlog. When it wakes, its partitions are lost rather than given up: the commit
 * of the lost partitions fails, and the rebalance callbacks end in an error. It must rejoin and
 * deliver everything (found by a CI run of the registry's KafkaRestartTest, in which the
 * dispatcher delivered nothing more after such a rejoin).
 */
class FrozenReplicaIT {

    private static final int EVENTS = 600;
    private static final String SECRET = "whsec_ZnJvemVuLWZyb3plbi1mcm96ZW4tZnJvemVuLWZyb3o=";
    /** The broker's smallest session: the pause below outlasts it twice over. */
    private static final List<String> SHORT_SESSION = List.of("-Dmp.messaging.incoming.events.session.timeout.ms=6000",
            "-Dmp.messaging.incoming.events.heartbeat.interval.ms=1000");

    @Test
    void aReplicaPutOutOfItsGroupWhileFrozenRejoinsAndDeliversEverything() throws InterruptedException {
        try (Receiver receiver = new Receiver().verifyingWith(SECRET)) {
            // 20 ms an answer, 8 at a time: the backlog takes a few seconds, so the pause comes in the middle of it
            receiver.hang("/frozen", 20);
            UUID account = UUID.randomUUID();
            String site = "ST-FROZEN-" + UUID.randomUUID().toString().substring(0, 6);
            ConfigTopic.site(site, account);
            ConfigTopic.webhook(new ConfigTopic.Webhook(UUID.randomUUID(), account, site, receiver.url("/frozen"), List.of("goal.converted"),
                    50, 50, true, SECRET));
            try (ServiceProcess dispatcher = DispatcherProcess.start(true, SHORT_SESSION, "frozen-replica")) {
                TestKafkaClient.sendAll("statalog.events", site, TestEvents.goals(site, EVENTS));
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received("/frozen").size() >= EVENTS / 10);
                dispatcher.freeze(Duration.ofSeconds(15));
                int atWake = (int) receiver.distinctDeliveries("/frozen");

                await().atMost(Duration.ofSeconds(90)).until(() -> receiver.distinctDeliveries("/frozen") == EVENTS);
                List<Receiver.Received> all = receiver.received("/frozen");
                assertTrue(atWake < EVENTS, "the pause came before the backlog was delivered: " + atWake);
                assertEquals(all.size(), all.stream().filter(Receiver.Received::signatureValid).count());
                System.out.printf("frozen replica: %d events, %d delivered when it woke after 15 s out of its group; %d requests (%.2f %%"
                        + " duplicates)%n", EVENTS, atWake, all.size(), 100.0 * (all.size() - EVENTS) / EVENTS);
            }
        }
    }
}
