package com.statalog.webhooks.dispatcher.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.HostileReceiver.Behaviour;
import com.statalog.webhooks.testkit.HostileReceiver;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * The packaged dispatcher delivers to receivers that misbehave in every way the issue lists, 20
 * deliveries each (three attempts apiece under the test schedule). Every attempt is recorded with
 * the right error kind, every connection is closed in the end, and the dispatcher's heap after a
 * full GC, its live threads and its open file descriptors end where they began.
 */
class MisbehavingReceiversIT {

    private static final int DELIVERIES = 20;
    private static final String SECRET = "whsec_aG9zdGlsZS1ob3N0aWxlLWhvc3RpbGUtaG9zdGlsZS0=";
    private static final long HEAP_SLACK_BYTES = 16L * 1024 * 1024;
    private static final int THREAD_SLACK = 10;
    private static final int FD_SLACK = 8;

    /** A receiver and what every attempt to it must be recorded as (status null: none received). */
    record Case(String fault, HostileReceiver receiver, String error, Integer status, String finalState, UUID webhook) {
        Case(String fault, HostileReceiver receiver, String error, Integer status, String finalState) {
            this(fault, receiver, error, status, finalState, UUID.randomUUID());
        }
    }

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyMisbehaviourIsRecordedAsItsErrorKindAndLeavesNoHeapThreadsOrConnectionsBehind() throws Exception {
        List<Case> cases = List.of(
                new Case("503", HostileReceiver.answering(503), "http_status", 503, "dropped"),
                new Case("429 with Retry-After: 120", HostileReceiver.answering(429, "Retry-After: 120"), "http_status", 429, "dropped"),
                new Case("302 to a private address", HostileReceiver.answering(302, "Location: http://169.254.169.254/latest/meta-data/"),
                        "redirect", 302, "dropped"),
                new Case("hang for 12 s", HostileReceiver.start(Behaviour.HANG), "timeout", null, "dropped"),
                new Case("connection reset", HostileReceiver.start(Behaviour.RESET), "connection_reset", null, "dropped"),
                new Case("500 with a 100 MB body", HostileReceiver.start(Behaviour.HUGE_BODY), "http_status", 500, "dropped"),
                new Case("200, then a body dripping a byte every 100 ms", HostileReceiver.start(Behaviour.DRIP_BODY), null, 200, "delivered"),
                new Case("headers dripping a byte every 200 ms", HostileReceiver.start(Behaviour.DRIP_HEADERS), "timeout", null, "dropped"),
                new Case("self-signed TLS certificate", HostileReceiver.start(Behaviour.UNTRUSTED_TLS), "tls", null, "dropped"));
        UUID account = UUID.randomUUID();
        String site = "ST-HOSTILE-" + UUID.randomUUID().toString().substring(0, 6);
        String warmUpSite = site + "-W";
        ConfigTopic.site(site, account);
        ConfigTopic.site(warmUpSite, account);
        try (HostileReceiver healthy = HostileReceiver.answering(200);
                ServiceProcess dispatcher = DispatcherProcess.start(true, List.of(), "misbehaving-receivers")) {
            UUID warmUp = UUID.randomUUID();
            ConfigTopic.webhook(new ConfigTopic.Webhook(warmUp, account, warmUpSite, healthy.url("/warm-up"), List.of("goal.converted"),
                    50, 50, true, SECRET));
            for (Case c : cases) {
                ConfigTopic.webhook(new ConfigTopic.Webhook(c.webhook(), account, site, c.receiver().url("/hook"), List.of("goal.converted"),
                        50, 50, true, SECRET));
            }
            // warmed up on a healthy endpoint first, so that what is measured is what the faults leave behind
            TestKafkaClient.sendAll("statalog.events", warmUpSite, TestEvents.goals(warmUpSite, 200));
            await().atMost(Duration.ofSeconds(60)).until(() -> healthy.requests() >= 200);
            Footprint before = footprint(dispatcher);

            TestKafkaClient.sendAll("statalog.events", site, TestEvents.goals(site, DELIVERIES));
            Map<UUID, List<JsonNode>> attempts = attemptsUntilFinal(cases);

            for (Case c : cases) {
                List<JsonNode> recorded = attempts.get(c.webhook());
                for (JsonNode attempt : recorded) {
                    assertEquals(c.error(), attempt.get("error").isNull() ? null : attempt.get("error").asText(), c.fault() + ": " + attempt);
                    assertEquals(c.status(), attempt.get("status_code").isNull() ? null : attempt.get("status_code").asInt(), c.fault());
                    assertTrue(attempt.path("response_excerpt").asText("").length() <= 1024, c.fault());
                }
                assertEquals(DELIVERIES, recorded.stream().filter(attempt -> c.finalState().equals(attempt.get("state").asText())).count(),
                        c.fault());
            }
            // every socket must be let go: the hanging receiver's after 12 s, the answered ones when the
            // dispatcher's pool closes them after 30 s idle
            await().atMost(Duration.ofSeconds(60)).until(() -> cases.stream().allMatch(c -> c.receiver().openConnections() == 0)
                    && healthy.openConnections() == 0);
            Footprint after = footprint(dispatcher);

            System.out.println("misbehaving receivers: fault | attempts | error kind | status | connections left open | bytes the receiver sent");
            for (Case c : cases) {
                System.out.printf("misbehaving receivers: %s | %d | %s | %s | %d | %d%n", c.fault(), c.receiver().requests(), c.error(),
                        c.status(), c.receiver().openConnections(), c.receiver().bytesSent());
            }
            System.out.printf("misbehaving receivers: dispatcher heap after full GC %.1f -> %.1f MB, live threads %d -> %d, open fds %d -> %d%n",
                    before.heapBytes() / 1e6, after.heapBytes() / 1e6, before.threads(), after.threads(), before.fds(), after.fds());

            assertTrue(after.heapBytes() <= before.heapBytes() + HEAP_SLACK_BYTES, before + " -> " + after);
            assertTrue(after.threads() <= before.threads() + THREAD_SLACK, before + " -> " + after);
            assertTrue(after.fds() <= before.fds() + FD_SLACK, before + " -> " + after);
            HostileReceiver huge = cases.stream().filter(c -> c.receiver().behaviour() == Behaviour.HUGE_BODY).findFirst().orElseThrow()
                    .receiver();
            assertTrue(huge.bytesSent() < 3L * DELIVERIES * 8 * 1024 * 1024,
                    "the 100 MB bodies were cut off, not read: " + huge.bytesSent() + " bytes sent");
        } finally {
            cases.forEach(c -> c.receiver().close());
        }
    }

    /** Every attempt record of the cases' webhooks, read until each webhook has DELIVERIES final ones. */
    private Map<UUID, List<JsonNode>> attemptsUntilFinal(List<Case> cases) {
        Map<UUID, List<JsonNode>> byWebhook = new HashMap<>();
        cases.forEach(c -> byWebhook.put(c.webhook(), new ArrayList<>()));
        TestKafkaClient.readUntil("statalog.webhook-attempts", record -> {
            List<JsonNode> mine = record.key() == null ? null : byWebhook.get(UUID.fromString(record.key()));
            if (mine != null) {
                mine.add(read(record.value()));
            }
            return byWebhook.values().stream().allMatch(recorded -> recorded.stream()
                    .filter(attempt -> Stream.of("delivered", "dropped").anyMatch(attempt.get("state").asText()::equals)).count() >= DELIVERIES);
        }, Duration.ofSeconds(120));
        return byWebhook;
    }

    private JsonNode read(byte[] value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Footprint(long heapBytes, int threads, int fds) {
    }

    /** Heap used right after a full GC (jcmd GC.run), live threads (the dispatcher's own metrics), open file descriptors. */
    private Footprint footprint(ServiceProcess dispatcher) throws Exception {
        Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(dispatcher.pid()), "GC.run").redirectErrorStream(true).start();
        assertTrue(gc.waitFor(60, TimeUnit.SECONDS) && gc.exitValue() == 0, "jcmd GC.run");
        long heap = (long) dispatcher.metric("jvm_memory_used_bytes{area=\"heap\"");
        int threads = (int) dispatcher.metric("jvm_threads_live_threads");
        int fds;
        try (Stream<Path> open = Files.list(Path.of("/proc", Long.toString(dispatcher.pid()), "fd"))) {
            fds = (int) open.count();
        }
        return new Footprint(heap, threads, fds);
    }
}
