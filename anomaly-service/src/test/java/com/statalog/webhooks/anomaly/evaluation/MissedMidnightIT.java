package com.statalog.webhooks.anomaly.evaluation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.anomaly.AnomalyProcess;
import com.statalog.webhooks.local.PostgresServer;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.PostgresTestResource;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * The packaged anomaly service is down over midnight (it has the visitors of the last days but
 * never evaluated them), then two replicas are started at the same moment. Each catches up the missed
 * days on start, racing the other: every (site, day, event type) that crosses a threshold is
 * published exactly once. And a day whose pageviews were published while the service was down is
 * evaluated only once they are counted, not from what the service had when it started.
 */
class MissedMidnightIT {

    private static final String OPERATOR = AnomalyProcess.OPERATOR;
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private static final LocalDate YESTERDAY = TODAY.minusDays(1);
    private static final LocalDate DAY_BEFORE = TODAY.minusDays(2);
    private static final int HISTORY_DAYS = 35;
    private static final long NORMAL = 2100;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void twoReplicasStartingTogetherAfterAMissedMidnightPublishEachEventOnce() throws Exception {
        PostgresServer postgres = PostgresTestResource.server();
        String database = "anomaly_midnight_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabaseIfMissing(database);
        String prefix = "ST-MIDNIGHT-" + UUID.randomUUID().toString().substring(0, 6) + "-";
        String spikeYesterday = prefix + "spike";
        String dropYesterday = prefix + "drop";
        String spikeDayBefore = prefix + "spike-day-before";
        try {
            // the service as it ran before midnight: it stores subscriptions and visitors, evaluates nothing
            try (ServiceProcess before = start(postgres, database, 0, "midnight-before")) {
                UUID account = UUID.randomUUID();
                for (String site : List.of(spikeYesterday, dropYesterday, spikeDayBefore)) {
                    subscribe(account, site);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> count(postgres, database,
                        "SELECT count(*) FROM traffic_subscription WHERE site_id LIKE ?", prefix + "%") == 3);
                history(before, spikeYesterday, YESTERDAY, 4820);
                history(before, dropYesterday, YESTERDAY, 1000);
                history(before, spikeDayBefore, DAY_BEFORE, 5000);
                assertEquals(0, count(postgres, database, "SELECT count(*) FROM evaluation_run WHERE day >= ?", TODAY.minusDays(7)));
            }

            // a thread each (the common pool has a single thread on two cores): both processes are spawned at once
            ExecutorService starters = Executors.newFixedThreadPool(2);
            CompletableFuture<ServiceProcess> first = CompletableFuture.supplyAsync(() -> start(postgres, database, 7, "midnight-replica-1"), starters);
            CompletableFuture<ServiceProcess> second = CompletableFuture.supplyAsync(() -> start(postgres, database, 7, "midnight-replica-2"), starters);
            starters.shutdown();
            try (ServiceProcess one = startedOrCloseBoth(first, second); ServiceProcess two = second.join()) {
                Map<String, Long> once = Map.of(spikeYesterday + " traffic.spike", 1L, dropYesterday + " traffic.drop", 1L,
                        spikeDayBefore + " traffic.spike", 1L);
                // and it stays so: a second publication by the slower replica would show within seconds
                await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(5)).until(() -> eventsFor(prefix).equals(once));
                assertEquals(7, count(postgres, database, "SELECT count(*) FROM evaluation_run WHERE day >= ?", TODAY.minusDays(7)),
                        "each missed day evaluated");
                assertEquals(3, count(postgres, database, "SELECT count(*) FROM anomaly_ledger WHERE published_at IS NOT NULL AND site_id LIKE ?",
                        prefix + "%"));
                Map<String, Long> caughtUpBy = new TreeMap<>();
                for (String replica : List.of("midnight-replica-1", "midnight-replica-2")) {
                    caughtUpBy.put(replica, Files.readAllLines(Path.of("target", replica + ".log")).stream()
                            .filter(line -> line.contains("evaluation of") && line.contains(" done: ")).count());
                }
                System.out.printf("missed midnight: two replicas started together; days evaluated by each %s; events %s%n", caughtUpBy,
                        eventsFor(prefix));
            }
        } finally {
            postgres.dropDatabaseIfExists(database);
        }
    }

    @Test
    void aDayWhosePageviewsArrivedWhileTheServiceWasDownIsEvaluatedOnceTheyAreCounted() throws Exception {
        PostgresServer postgres = PostgresTestResource.server();
        String database = "anomaly_downtime_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabaseIfMissing(database);
        String site = "ST-DOWNTIME-" + UUID.randomUUID().toString().substring(0, 6);
        try {
            try (ServiceProcess before = start(postgres, database, 0, "downtime-before")) {
                subscribe(UUID.randomUUID(), site);
                await().atMost(Duration.ofSeconds(30)).until(() -> count(postgres, database,
                        "SELECT count(*) FROM traffic_subscription WHERE site_id = ?", site) == 1);
                // every day of the history but the day before yesterday, whose visitors come as pageviews below
                history(before, site, DAY_BEFORE, -1);
            }
            // down: the day's 3 × NORMAL visitors are published and wait in Kafka
            int visitors = (int) (3 * NORMAL);
            TestKafkaClient.sendAll("statalog.pageviews", site, IntStream.range(0, visitors)
                    .mapToObj(v -> "{\"site_id\":\"" + site + "\",\"visitor_id\":\"v" + v + "\",\"timestamp\":\"" + DAY_BEFORE
                            + "T12:00:00Z\"}").toList());

            try (ServiceProcess after = start(postgres, database, 7, "downtime-after")) {
                await().atMost(Duration.ofSeconds(60)).until(() -> count(postgres, database,
                        "SELECT count(*) FROM evaluation_run WHERE day = ?", DAY_BEFORE) == 1);
                List<JsonNode> events = eventsOf(site);
                assertEquals(1, events.size(), "one event: " + events);
                assertEquals("traffic.spike", events.get(0).get("event").asText(), "not a drop seen before the pageviews were counted");
                assertEquals(visitors, events.get(0).get("visitors_yesterday").asLong(), "the full count");
                assertEquals(200.0, events.get(0).get("change_pct").asDouble());
            }
        } finally {
            postgres.dropDatabaseIfExists(database);
        }
    }

    /** The first process, once both are ready; if either failed to start, the other is stopped before the failure is thrown. */
    private static ServiceProcess startedOrCloseBoth(CompletableFuture<ServiceProcess> first, CompletableFuture<ServiceProcess> second) {
        try {
            CompletableFuture.allOf(first, second).join();
            return first.join();
        } catch (RuntimeException e) {
            Stream.of(first, second).filter(start -> !start.isCompletedExceptionally()).forEach(start -> start.join().close());
            throw e;
        }
    }

    /** Yesterday is due at once (not at 00:15) so that the test does not depend on the time of day it runs. */
    private static ServiceProcess start(PostgresServer postgres, String database, int catchUpDays, String name) {
        return AnomalyProcess.start(KafkaTestResource.bootstrapServers(), postgres, database,
                Map.of("STATALOG_ANOMALY_CATCH_UP_DAYS", Integer.toString(catchUpDays), "STATALOG_ANOMALY_EVALUATE_AFTER", "0s"), name);
    }

    private void subscribe(UUID account, String site) throws IOException {
        ConfigTopic.site(site, account);
        ConfigTopic.webhook(new ConfigTopic.Webhook(UUID.randomUUID(), account, site, "https://hooks.example.com/",
                List.of("traffic.spike", "traffic.drop"), 50, 50, true, "whsec_" + "A".repeat(32)));
    }

    /**
     * {@link #HISTORY_DAYS} normal days up to yesterday, except {@code unusual} visitors on {@code day}
     * (no total at all for it when negative).
     */
    private static void history(ServiceProcess service, String site, LocalDate day, long unusual) {
        for (int back = 1; back <= HISTORY_DAYS; back++) {
            LocalDate date = TODAY.minusDays(back);
            if (date.equals(day) && unusual < 0) {
                continue;
            }
            given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Map.of("visitors", date.equals(day) ? unusual : NORMAL))
                    .when().put(service.url() + "/api/v1/sites/{site}/daily-visitors/{day}", site, date.toString())
                    .then().statusCode(200);
        }
    }

    /** Traffic events published for the sites of this test, counted by "site event". */
    private Map<String, Long> eventsFor(String prefix) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (var record : TestKafkaClient.readToEnd("statalog.events")) {
            if (record.key() != null && record.key().startsWith(prefix)) {
                JsonNode event = json.readTree(record.value());
                counts.merge(event.get("site_id").asText() + " " + event.get("event").asText(), 1L, Long::sum);
            }
        }
        return counts;
    }

    /** Every traffic event published for the site so far. */
    private List<JsonNode> eventsOf(String site) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (var record : TestKafkaClient.readToEnd("statalog.events")) {
            if (site.equals(record.key())) {
                events.add(json.readTree(record.value()));
            }
        }
        return events;
    }

    private static long count(PostgresServer postgres, String database, String sql, Object parameter) throws SQLException {
        try (Connection connection = postgres.connect(database); PreparedStatement query = connection.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
