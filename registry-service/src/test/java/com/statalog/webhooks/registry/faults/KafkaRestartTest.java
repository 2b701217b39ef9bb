package com.statalog.webhooks.registry.faults;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.KafkaProcess;
import com.statalog.webhooks.testkit.PostgresTestResource;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * The Kafka broker is stopped in the middle of a run and started again ten seconds later. Readiness
 * of the registry and of the dispatcher shows the outage; both recover without being restarted; a
 * webhook saved during the outage reaches the dispatcher; every event reaches its receiver, signed,
 * and the delivery log.
 */
@QuarkusTest
@TestProfile(KafkaRestartTest.OwnBroker.class)
class KafkaRestartTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    private static final int EVENTS = 1_000;
    private static final Duration OUTAGE = Duration.ofSeconds(10);

    static KafkaProcess kafka;
    static ServiceProcess dispatcher;
    static final Receiver EARLY = new Receiver();
    static final Receiver SAVED_DURING_OUTAGE = new Receiver();

    /** A broker of its own (a process the test stops), and a dispatcher on it that may deliver to loopback. */
    public static class OwnBroker implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            if (kafka == null) {
                kafka = KafkaProcess.startTemporary();
                dispatcher = DispatcherProcess.start(kafka.bootstrapServers(), true, List.of(), "kafka-restart-dispatcher");
            }
            return Map.of("kafka.bootstrap.servers", kafka.bootstrapServers(),
                    "quarkus.rest-client.dispatcher.url", dispatcher.url());
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresTestResource.class, Map.of("database", "registry_test")));
        }
    }

    @Inject
    DataSource database;

    /** Where the deliveries stand: the receivers' counts and the dispatcher's own, for a failure to be read. */
    private static String progress() {
        StringBuilder state = new StringBuilder();
        state.append(String.format("early %d distinct of %d requests, saved during the outage %d distinct of %d requests",
                EARLY.distinctDeliveries("/early"), EARLY.received("/early").size(),
                SAVED_DURING_OUTAGE.distinctDeliveries("/saved-during-outage"), SAVED_DURING_OUTAGE.received("/saved-during-outage").size()));
        for (String metric : List.of("statalog_events_accepted_total", "statalog_deliveries_in_flight", "statalog_deliveries_parked",
                "statalog_delivery_lanes", "statalog_delivery_retry_backlog", "statalog_delivery_retry_unfinished",
                "statalog_events_finished_before_total", "statalog_deliveries_relinquished_total")) {
            state.append("; ").append(metric).append(' ').append(dispatcher.metric(metric));
        }
        return state.toString();
    }

    @Test
    void nothingIsLostAndEverythingRecoversWhenTheBrokerStopsAndStartsAgain() {
        Tenant tenant = Api.newTenant();
        // 20 ms an answer: the first half takes seconds, so the broker stops while deliveries are in flight
        EARLY.hang("/early", 20);
        String early = webhook(tenant, EARLY, "/early");
        Api.awaitKnownToTheDispatcher(dispatcher.url(), early);
        publish(tenant.siteId(), EVENTS / 2);
        await().atMost(Duration.ofSeconds(60)).until(() -> EARLY.received("/early").size() >= EVENTS / 10);

        int deliveredAtStop = EARLY.received("/early").size();
        long stopped = System.nanoTime();
        kafka.stop();
        await().atMost(Duration.ofSeconds(60)).until(() -> !registryReady() && !dispatcher.ready());
        long noticed = System.nanoTime();
        String savedDuringOutage = webhook(tenant, SAVED_DURING_OUTAGE, "/saved-during-outage");
        await().atMost(OUTAGE.plusSeconds(5)).until(() -> System.nanoTime() - stopped >= OUTAGE.toNanos());

        kafka.start();
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(90)).until(() -> registryReady() && dispatcher.ready());
        long recovered = System.nanoTime();
        Api.awaitKnownToTheDispatcher(dispatcher.url(), savedDuringOutage);
        publish(tenant.siteId(), EVENTS / 2);

        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> EARLY.distinctDeliveries("/early") == EVENTS
                    && SAVED_DURING_OUTAGE.distinctDeliveries("/saved-during-outage") == EVENTS / 2);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not everything was delivered after the restart: " + progress(), e);
        }
        assertTrue(deliveredAtStop < EVENTS / 2, "the broker stopped in the middle of the first half: " + deliveredAtStop);
        assertTrue(EARLY.received("/early").stream().allMatch(Receiver.Received::signatureValid));
        assertTrue(SAVED_DURING_OUTAGE.received("/saved-during-outage").stream().allMatch(Receiver.Received::signatureValid));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertEquals(EVENTS, loggedAsDelivered(early));
            assertEquals(EVENTS / 2, loggedAsDelivered(savedDuringOutage));
        });

        int requests = EARLY.received("/early").size() + SAVED_DURING_OUTAGE.received("/saved-during-outage").size();
        int deliveries = EVENTS + EVENTS / 2;
        System.out.printf("kafka restart: %d deliveries, broker stopped after %d for %d s; readiness DOWN within %d ms of the SIGTERM; "
                + "both services ready %d ms after the broker started; %d requests (%.2f %% duplicates)%n",
                deliveries, deliveredAtStop, OUTAGE.toSeconds(), (noticed - stopped) / 1_000_000, (recovered - restarted) / 1_000_000,
                requests, 100.0 * (requests - deliveries) / deliveries);
    }

    @AfterAll
    static void stopEverything() {
        EARLY.close();
        SAVED_DURING_OUTAGE.close();
        dispatcher.close();
        kafka.close();
    }

    private static void publish(String site, int count) {
        TestKafkaClient.sendAll(kafka.bootstrapServers(), "statalog.events", site,
                TestEvents.goals(site, count));
    }

    private static String webhook(Tenant tenant, Receiver receiver, String path) {
        Map<String, String> created = tenant.request().body(Map.of("name", path, "url", receiver.url(path),
                "events", List.of("goal.converted"), "site_id", tenant.siteId()))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("$");
        receiver.verifyingWith(created.get("secret"));
        return created.get("id");
    }

    private boolean registryReady() {
        return given().get(readiness).statusCode() == 200;
    }

    private int loggedAsDelivered(String webhook) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT count(*) FROM delivery WHERE webhook_id = ? AND status = 'delivered'")) {
            query.setObject(1, UUID.fromString(webhook));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }
}
