package com.statalog.webhooks.anomaly.evaluation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.Schemas;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.OtlpReceiver;
import com.statalog.webhooks.testkit.OtlpReceiver.ExportedSpan;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * The nightly rule, evaluated through the operator API and the scheduler's entry points, events read back from Kafka; the
 * service exports its traces to the test JVM's OTLP receiver (AnomalyTestInfrastructure).
 */
@QuarkusTest
class EvaluationTest {

    private static final String OPERATOR = "test-operator-token";
    private static final LocalDate DAY = LocalDate.parse("2025-04-23");
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    DataSource dataSource;

    @Inject
    Evaluations evaluations;

    @Inject
    MeterRegistry meters;

    @Test
    void theSpecsWorkedExamplesBecomeASpikeAndADrop() throws Exception {
        String spikeSite = site(List.of("traffic.spike", "traffic.drop"), null, 50, 50);
        String dropSite = site(List.of("traffic.spike", "traffic.drop"), null, 50, 50);
        history(spikeSite, 30, 2100);
        history(dropSite, 30, 2100);
        total(spikeSite, DAY, 4820);
        total(dropSite, DAY, 1000);

        evaluate(DAY).body("day", equalTo(DAY.toString()));

        JsonNode spike = eventFor(spikeSite);
        assertEquals("{\"event\":\"traffic.spike\",\"site_id\":\"" + spikeSite + "\",\"visitors_yesterday\":4820,"
                + "\"visitors_average\":2100,\"change_pct\":129.5,\"timestamp\":\"" + spike.get("timestamp").asText() + "\"}",
                json.writeValueAsString(spike));
        assertEquals(true, spike.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"));
        JsonNode drop = eventFor(dropSite);
        assertEquals("traffic.drop", drop.get("event").asText());
        assertEquals(-52.4, drop.get("change_pct").asDouble());
        assertEquals(1000, drop.get("visitors_yesterday").asLong());
        // the identity the dispatcher derives delivery ids from: the same whenever the row is published again
        assertEquals(List.of("traffic.spike/" + spikeSite + "/" + DAY), identitiesFor(spikeSite));
    }

    @Test
    void anEvaluationAskedForInATraceIsItsSpanAndTheEventsItPublishesCarryIt() throws Exception {
        String site = site(List.of("traffic.spike"), null, 50, 50);
        history(site, 30, 1000);
        total(site, DAY, 3000);
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String caller = UUID.randomUUID().toString().replace("-", "").substring(0, 16);

        given().header("traceparent", "00-" + traceId + "-" + caller + "-01").auth().oauth2(OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("day", DAY.toString())).when().post("/api/v1/evaluations").then().statusCode(200);

        OtlpReceiver collector = OtlpReceiver.shared();
        ExportedSpan evaluation = await().atMost(Duration.ofSeconds(20)).until(() -> collector.trace(traceId).stream()
                .filter(span -> span.name().equals("anomaly evaluation")).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertEquals(DAY.toString(), evaluation.attribute("statalog.evaluation.day"));
        assertTrue(Long.parseLong(evaluation.attribute("statalog.evaluation.events")) >= 1, evaluation.toString());
        // the request's server span is its parent, and that span the caller's
        ExportedSpan request = collector.trace(traceId).stream().filter(span -> span.spanId().equals(evaluation.parentSpanId()))
                .findFirst().orElseThrow();
        assertEquals(caller, request.parentSpanId());

        // the event goes to the dispatcher in the same trace, its context published by a child of the evaluation
        var record = TestKafkaClient.readToEnd("statalog.events").stream().filter(event -> site.equals(event.key())).findFirst()
                .orElseThrow();
        String[] context = new String(record.headers().lastHeader("traceparent").value(), StandardCharsets.US_ASCII).split("-");
        assertEquals(traceId, context[1]);
        ExportedSpan published = await().atMost(Duration.ofSeconds(20)).until(() -> collector.trace(traceId).stream()
                .filter(span -> span.spanId().equals(context[2])).findFirst(), java.util.Optional::isPresent).orElseThrow();
        assertEquals(evaluation.spanId(), published.parentSpanId());
        assertEquals("SPAN_KIND_PRODUCER", published.kind());
    }

    @Test
    void anEventIsPublishedOnlyWhenSomeWebhooksOwnThresholdIsCrossed() throws Exception {
        String high = site(List.of("traffic.spike"), null, 200, 50);
        String low = site(List.of("traffic.spike"), null, 100, 50);
        history(high, 30, 2100);
        history(low, 30, 2100);
        total(high, DAY, 4820);
        total(low, DAY, 4820);
        evaluate(DAY);
        assertEquals(List.of(), eventsFor(high));
        assertEquals(1, eventsFor(low).size());
    }

    @Test
    void shortHistoryAndAZeroAverageGiveNoEvent() throws Exception {
        String shortHistory = site(List.of("traffic.spike"), null, 10, 10);
        String zero = site(List.of("traffic.spike"), null, 10, 10);
        history(shortHistory, 6, 100);
        total(shortHistory, DAY, 1000);
        history(zero, 30, 0);
        total(zero, DAY, 1000);
        evaluate(DAY);
        assertEquals(List.of(), eventsFor(shortHistory));
        assertEquals(List.of(), eventsFor(zero));
    }

    @Test
    void daysWithoutATotalSinceTheFirstKnownDayCountAsNoVisitors() throws Exception {
        // 20 days of 100 and 10 empty days: 2 000 / 30 = 66.7 (the mean of the stored rows alone was 100, and +40 %)
        String site = site(List.of("traffic.spike"), null, 100, 50);
        for (int i = 11; i <= 30; i++) {
            total(site, DAY.minusDays(i), 100);
        }
        total(site, DAY, 140);

        evaluate(DAY);

        JsonNode spike = eventFor(site);
        assertEquals(66.7, spike.get("visitors_average").asDouble());
        assertEquals(110.0, spike.get("change_pct").asDouble());
    }

    @Test
    void theChangeIsExactThenRoundedHalfAwayFromZero() throws Exception {
        // 30 days totalling 800 and 27 yesterday: +1.25 % exactly (1.2 from an already-rounded average)
        String up = site(List.of("traffic.spike"), null, 1, 50);
        history(up, 20, 27);
        for (int i = 21; i <= 30; i++) {
            total(up, DAY.minusDays(i), 26);
        }
        total(up, DAY, 27);
        // 30 days of 80 and 79 yesterday: -1.25 % exactly
        String down = site(List.of("traffic.drop"), null, 50, 1);
        history(down, 30, 80);
        total(down, DAY, 79);

        evaluate(DAY);

        assertEquals(1.3, eventFor(up).get("change_pct").asDouble());
        assertEquals(26.7, eventFor(up).get("visitors_average").asDouble());
        assertEquals(-1.3, eventFor(down).get("change_pct").asDouble());
    }

    @Test
    void aNewSiteIsAveragedOverTheDaysSinceItsFirstKnownDayOnly() throws Exception {
        // 8 days of history: the mean of 8 days, not of 30 with 22 empty ones
        String contiguous = site(List.of("traffic.spike"), null, 100, 50);
        history(contiguous, 8, 100);
        total(contiguous, DAY, 300);
        // first known 8 days ago, totals on 3 of those days: 8 days count (the rows alone were too few)
        String sparse = site(List.of("traffic.spike"), null, 100, 50);
        total(sparse, DAY.minusDays(8), 100);
        total(sparse, DAY.minusDays(5), 100);
        total(sparse, DAY.minusDays(2), 100);
        total(sparse, DAY, 100);

        evaluate(DAY);

        assertEquals(100.0, eventFor(contiguous).get("visitors_average").asDouble());
        assertEquals(200.0, eventFor(contiguous).get("change_pct").asDouble());
        assertEquals(37.5, eventFor(sparse).get("visitors_average").asDouble());
        assertEquals(166.7, eventFor(sparse).get("change_pct").asDouble());
    }

    @Test
    void twoEvaluatorsRacingForTheSameDayPublishOneEvent() throws Exception {
        String site = site(List.of("traffic.drop"), null, 50, 50);
        history(site, 30, 2100);
        total(site, DAY, 10);
        CompletableFuture<?> first = CompletableFuture.runAsync(() -> runQuietly(DAY));
        CompletableFuture<?> second = CompletableFuture.runAsync(() -> runQuietly(DAY));
        CompletableFuture.allOf(first, second).join();
        evaluate(DAY);
        assertEquals(1, eventsFor(site).size());
    }

    @Test
    void aSiteThatGainsItsWebhookAfterTheRunIsEvaluatedWhenAsked() throws Exception {
        UUID account = UUID.randomUUID();
        String site = "ST-LATE-" + UUID.randomUUID().toString().substring(0, 6);
        ConfigTopic.site(site, account);
        history(site, 30, 2100);
        total(site, DAY, 4820);
        evaluate(DAY);
        webhook(account, null, List.of("traffic.spike"), 50, 50);
        evaluate(DAY);
        assertEquals(1, eventsFor(site).size());
    }

    @Test
    void aMissedDayIsCaughtUpAtStartAndADoneDayIsNot() throws Exception {
        LocalDate missed = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(2);
        String site = site(List.of("traffic.spike"), null, 50, 50);
        history(site, 30, 100, missed);
        total(site, missed, 1000);
        sql("DELETE FROM evaluation_run WHERE day >= ?", missed);

        evaluations.evaluateDueDays();

        assertEquals(1, eventsFor(site).size());
        assertEquals(1, count("SELECT count(*) FROM evaluation_run WHERE day = ?", missed));
        // the nightly run's gauge: the start of the latest day the ledger has as evaluated
        double latest = meters.get("statalog.anomaly.last.evaluated.day").gauge().value();
        try (Connection connection = dataSource.getConnection();
                ResultSet row = connection.createStatement().executeQuery("SELECT max(day) FROM evaluation_run")) {
            row.next();
            assertEquals(row.getDate(1).toLocalDate().atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond(), latest);
        }
        assertTrue(latest >= missed.atStartOfDay(java.time.ZoneOffset.UTC).toEpochSecond());
    }

    @Test
    void aFailedRunIsTriedAgainAtTheNextCheckUntilItSucceeds() throws Exception {
        LocalDate missed = LocalDate.now(java.time.ZoneOffset.UTC).minusDays(3);
        String site = site(List.of("traffic.spike"), null, 50, 50);
        history(site, 30, 100, missed);
        total(site, missed, 1000);
        sql("DELETE FROM evaluation_run WHERE day >= ?", missed);
        // the evaluation cannot claim its rows: the run fails
        sql("ALTER TABLE anomaly_ledger RENAME TO anomaly_ledger_away", null);
        try {
            evaluations.evaluateDueDays();
            assertEquals(0, count("SELECT count(*) FROM evaluation_run WHERE day = ?", missed), "not recorded as done");
        } finally {
            sql("ALTER TABLE anomaly_ledger_away RENAME TO anomaly_ledger", null);
        }

        evaluations.evaluateDueDays();

        assertEquals(1, count("SELECT count(*) FROM evaluation_run WHERE day = ?", missed));
        assertEquals(1, eventsFor(site).size());
    }

    @Test
    void anEventClaimedByARunThatCrashedBeforePublishingIsPublishedOnceByTheNextRun() throws Exception {
        String site = "ST-CRASHED-" + UUID.randomUUID().toString().substring(0, 6);
        // what a run leaves when it dies between claiming and publishing
        try (Connection connection = dataSource.getConnection(); PreparedStatement claim = connection.prepareStatement("""
                INSERT INTO anomaly_ledger (site_id, day, event_type, visitors_yesterday, visitors_average, change_pct, evaluated_at)
                VALUES (?, ?, 'traffic.spike', 4820, 2100, 129.5, TIMESTAMPTZ '2025-04-24T00:15:00Z')""")) {
            claim.setString(1, site);
            claim.setObject(2, DAY);
            claim.executeUpdate();
        }
        evaluate(DAY);
        evaluate(DAY);
        JsonNode event = eventFor(site);
        assertEquals("2025-04-24T00:15:00Z", event.get("timestamp").asText());
        assertEquals(129.5, event.get("change_pct").asDouble());
    }

    @Test
    void anEventPublishedAgainAfterTheCrashWindowCarriesTheSameIdentity() throws Exception {
        String site = site(List.of("traffic.spike"), null, 50, 50);
        history(site, 30, 2100);
        total(site, DAY, 4820);
        evaluate(DAY);
        // the crash window: Kafka had the event, the ledger did not record it as published
        sql("UPDATE anomaly_ledger SET published_at = NULL WHERE site_id = ?", site);

        evaluations.run(DAY);

        List<String> identities = identitiesFor(site);
        assertEquals(2, identities.size(), "published twice: " + identities);
        assertEquals(identities.get(0), identities.get(1), "so the dispatcher gives both the same delivery ids");
    }

    private void runQuietly(LocalDate day) {
        try {
            evaluations.run(day);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private io.restassured.response.ValidatableResponse evaluate(LocalDate day) {
        return given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Map.of("day", day.toString()))
                .when().post("/api/v1/evaluations").then().statusCode(200);
    }

    /** A site of a new account with one webhook; returns once this service has the subscription. */
    private String site(List<String> events, String siteOnly, double spike, double drop) throws Exception {
        UUID account = UUID.randomUUID();
        String site = "ST-" + UUID.randomUUID().toString().substring(0, 8);
        ConfigTopic.site(site, account);
        webhook(account, siteOnly, events, spike, drop);
        await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT count(*) FROM site_account WHERE site_id = ?", site) == 1);
        return site;
    }

    private void webhook(UUID account, String site, List<String> events, double spike, double drop) throws Exception {
        UUID id = UUID.randomUUID();
        ConfigTopic.webhook(new ConfigTopic.Webhook(id, account, site, "https://hooks.example.com/", events, spike, drop, true,
                "whsec_" + "A".repeat(32)));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> count("SELECT count(*) FROM traffic_subscription WHERE webhook_id = ?", id) == 1);
    }

    private void history(String site, int days, long visitors) {
        history(site, days, visitors, DAY);
    }

    private void history(String site, int days, long visitors, LocalDate yesterday) {
        for (int i = 1; i <= days; i++) {
            total(site, yesterday.minusDays(i), visitors);
        }
    }

    private void total(String site, LocalDate day, long visitors) {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Map.of("visitors", visitors))
                .when().put("/api/v1/sites/{site}/daily-visitors/{day}", site, day.toString())
                .then().statusCode(200).body("visitors", equalTo((int) visitors));
    }

    private JsonNode eventFor(String site) throws Exception {
        List<JsonNode> events = eventsFor(site);
        assertEquals(1, events.size(), "events for " + site);
        return events.get(0);
    }

    /** Every traffic event published for the site so far (the evaluation answers once Kafka has acknowledged them). */
    private List<JsonNode> eventsFor(String site) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        for (var record : TestKafkaClient.readToEnd("statalog.events")) {
            if (site.equals(record.key())) {
                String written = TestKafkaClient.text(record.value());
                assertEquals(Set.of(), Schemas.check("event.schema.json", written), "the published event follows the spec's format");
                found.add(json.readTree(written));
            }
        }
        return found;
    }

    /** The statalog-event-id header of every traffic event published for the site so far. */
    private static List<String> identitiesFor(String site) {
        return TestKafkaClient.readToEnd("statalog.events").stream().filter(record -> site.equals(record.key()))
                .map(record -> new String(record.headers().lastHeader("statalog-event-id").value(), StandardCharsets.US_ASCII))
                .toList();
    }

    private long count(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private void sql(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setObject(1, parameter);
            }
            statement.executeUpdate();
        }
    }
}
