package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Two packaged dispatchers share the events; one of them is killed (SIGKILL) five times during a
 * 20 000-event run and started again each time, while the other keeps running. Every delivery
 * reaches the receiver at least once, counted by delivery id; the duplicates are reported.
 */
class ReplicaKillsIT {

    private static final int EVENTS = 20_000;
    private static final int KILLS = 5;
    /** Sites (partition keys) enough to spread the events over every partition of statalog.events. */
    private static final int SITES = 10;
    private static final String RELINQUISHED = "statalog_deliveries_relinquished_total";
    private static final String SECRET = "whsec_a2lsbHMta2lsbHMta2lsbHMta2lsbHMta2lsbHMta2k=";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyDeliveryArrivesWhileOneOfTwoReplicasIsKilledFiveTimes() {
        try (Receiver receiver = new Receiver().verifyingWith(SECRET)) {
            // 250 ms an answer, 8 at a time for each of the 10 webhooks, keeps the run going for about a minute: time for
            // five kills and restarts
            receiver.hang("/kills", 250);
            List<String> sites = sitesDeliveringTo(receiver.url("/kills"), "ST-KILL-");

            try (ServiceProcess steady = DispatcherProcess.start(true, List.of(), "replica-kills-steady")) {
                ServiceProcess killed = DispatcherProcess.start(true, List.of(), "replica-kills-0");
                for (String site : sites) {
                    TestKafkaClient.sendAll("statalog.events", site, TestEvents.goals(site, EVENTS / SITES));
                }
                List<Integer> receivedAtKills = new ArrayList<>();
                for (int kill = 1; kill <= KILLS; kill++) {
                    int threshold = EVENTS * kill / (KILLS + 2);
                    await().atMost(Duration.ofSeconds(120)).until(() -> receiver.received("/kills").size() >= threshold);
                    killed.kill();
                    receivedAtKills.add((int) receiver.distinctDeliveries("/kills"));
                    killed = DispatcherProcess.start(true, List.of(), "replica-kills-" + kill);
                }
                long relinquished;
                try (ServiceProcess last = killed) {
                    await().atMost(Duration.ofSeconds(180)).until(() -> receiver.distinctDeliveries("/kills") == EVENTS);
                    relinquished = (long) (steady.metric(RELINQUISHED) + last.metric(RELINQUISHED));
                }
                assertTrue(receivedAtKills.stream().allMatch(count -> count < EVENTS),
                        "every kill came before the run was over: " + receivedAtKills);

                List<Receiver.Received> all = receiver.received("/kills");
                assertEquals(all.size(), all.stream().filter(Receiver.Received::signatureValid).count());
                System.out.printf("replica kills: %d events, %d SIGKILLs at %s distinct deliveries, %d requests, %d duplicates (%.2f %%);"
                        + " %d parked attempts left to a partition's new owner by the surviving replicas%n",
                        EVENTS, KILLS, receivedAtKills, all.size(), all.size() - EVENTS, 100.0 * (all.size() - EVENTS) / EVENTS, relinquished);
            }
        }
    }

    @Test
    void aReplicaJoiningDuringABacklogTakesOverPartitionsWithoutResendingWhatWasParked() {
        int events = 4_000;
        try (Receiver receiver = new Receiver().verifyingWith(SECRET)) {
            // 500 ms an answer, 8 at a time for each of the 10 webhooks: one replica alone needs ~25 s, so thousands are
            // still parked when the second has started and joined
            receiver.hang("/scale-out", 500);
            List<String> sites = sitesDeliveringTo(receiver.url("/scale-out"), "ST-SCALE-");
            try (ServiceProcess first = DispatcherProcess.start(true, List.of(), "scale-out-first")) {
                for (String site : sites) {
                    TestKafkaClient.sendAll("statalog.events", site, TestEvents.goals(site, events / SITES));
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> receiver.received("/scale-out").size() >= events / 8);
                int atJoin = receiver.received("/scale-out").size();
                try (ServiceProcess second = DispatcherProcess.start(true, List.of(), "scale-out-second")) {
                    await().atMost(Duration.ofSeconds(120)).until(() -> receiver.distinctDeliveries("/scale-out") == events);
                    long relinquished = (long) first.metric(RELINQUISHED);
                    int requests = receiver.received("/scale-out").size();
                    // each replica records the attempts it makes: a first attempt recorded twice was sent by both the old and
                    // the new owner of its partition; a retry (an attempt that ran into the 2 s test deadline while the second
                    // JVM started on the same two cores) is a later attempt, not what this test is about
                    List<JsonNode> firstSeries = new ArrayList<>();
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        firstSeries.clear();
                        firstSeries.addAll(firstSeriesAttempts(sites));
                        return firstSeries.stream().filter(attempt -> attempt.get("attempt").asInt() == 1)
                                .map(attempt -> attempt.get("delivery_id").asText()).distinct().count() == events;
                    });
                    Map<Integer, Long> attempts = firstSeries.stream()
                            .collect(Collectors.groupingBy(attempt -> attempt.get("attempt").asInt(), TreeMap::new, Collectors.counting()));
                    long sentTwice = attempts.get(1) - events;
                    System.out.printf("scale-out: %d events, second replica joined after %d deliveries; %d requests, %d duplicates (%.2f %%),"
                            + " of them %d first attempts sent by both owners (%.2f %%), attempts by number %s; %d parked attempts left to"
                            + " the new owner%n", events, atJoin, requests, requests - events, 100.0 * (requests - events) / events, sentTwice,
                            100.0 * sentTwice / events, attempts, relinquished);
                    assertTrue(relinquished > 0, "the first replica gave up partitions with attempts still parked");
                    assertTrue(sentTwice < events / 20, "attempts of moved partitions were not sent twice: " + attempts);
                }
            }
        }
    }

    /** The attempt records of these sites' deliveries (their first series: no replays here). */
    private static List<JsonNode> firstSeriesAttempts(List<String> sites) {
        Set<String> ofRun = Set.copyOf(sites);
        return TestKafkaClient.readToEnd("statalog.webhook-attempts").stream().map(record -> read(record.value()))
                .filter(attempt -> ofRun.contains(attempt.path("site_id").asText()) && attempt.get("replay").asInt() == 0).toList();
    }

    private static JsonNode read(byte[] value) {
        try {
            return JSON.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@link #SITES} sites of one account (enough to use every partition), each with a webhook to {@code url}. */
    private static List<String> sitesDeliveringTo(String url, String prefix) {
        UUID account = UUID.randomUUID();
        String run = prefix + UUID.randomUUID().toString().substring(0, 6) + "-";
        List<String> sites = IntStream.range(0, SITES).mapToObj(i -> run + i).toList();
        for (String site : sites) {
            ConfigTopic.site(site, account);
            ConfigTopic.webhook(new ConfigTopic.Webhook(UUID.randomUUID(), account, site, url, List.of("goal.converted"), 50, 50, true,
                    SECRET));
        }
        return sites;
    }
}
