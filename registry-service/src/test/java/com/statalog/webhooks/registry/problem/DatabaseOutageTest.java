package com.statalog.webhooks.registry.problem;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import com.statalog.webhooks.local.PostgresServer;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * PostgreSQL stops and starts again: the registry answers 503 with a clear body meanwhile, and
 * recovers by itself; the dispatcher keeps delivering, and the delivery log catches up.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    static final int PORT = ServiceProcess.freePort();
    static final Path DATA = temporaryDirectory().resolve("pg");
    static EmbeddedPostgres postgres;
    static final Receiver RECEIVER = new Receiver();
    private static final Duration OUTAGE = Duration.ofSeconds(30);
    private static final int EVENTS_BEFORE = 200;
    private static final int EVENTS_DURING = 500;

    @Inject
    DataSource database;

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            startPostgres();
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres",
                    "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(DispatcherTestResource.class,
                    Map.of("allow-private", "true")));
        }
    }

    @Test
    void theApiAnswers503WhilePostgresIsDownAndRecoversWithoutARestart() throws IOException {
        Tenant tenant = Api.newTenant();

        postgres.close();
        Api.operator().body(Map.of("name", "during the outage")).when().post("/api/v1/accounts")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("detail", containsString("database is unavailable"))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
        tenant.request().when().get("/api/v1/webhooks").then().statusCode(503);

        startPostgres();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tenant.request().when().get("/api/v1/webhooks")
                .then().statusCode(200));
        given().auth().oauth2(Api.OPERATOR).contentType(ContentType.JSON).body(Map.of("name", "after"))
                .when().post("/api/v1/accounts").then().statusCode(201);
    }

    @Test
    void deliveriesContinueThroughAThirtySecondOutageAndTheLogCatchesUp() throws IOException, SQLException {
        Tenant tenant = Api.newTenant();
        Map<String, String> created = tenant.request().body(Map.of("name", "outage", "url", RECEIVER.url("/outage"),
                "events", List.of("goal.converted"), "site_id", tenant.siteId()))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("$");
        String webhook = created.get("id");
        RECEIVER.verifyingWith(created.get("secret"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(Api.SERVICE)
                .get(DispatcherTestResource.url() + "/internal/v1/config/webhooks/{id}", webhook).statusCode() == 200);
        publish(tenant.siteId(), EVENTS_BEFORE);
        await().atMost(Duration.ofSeconds(30)).until(() -> logged(webhook) == EVENTS_BEFORE);

        // stopped while attempt records are being written: 50 ms an answer, 8 at a time, keeps them coming for 3 s
        RECEIVER.hang("/outage", 50);
        publish(tenant.siteId(), EVENTS_DURING);
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.distinctDeliveries("/outage") >= EVENTS_BEFORE + EVENTS_DURING / 10);
        int loggedAtStop = logged(webhook);
        long stopped = System.nanoTime();
        postgres.close();
        assertTrue(loggedAtStop < EVENTS_BEFORE + EVENTS_DURING, "PostgreSQL stopped before the log was complete: " + loggedAtStop);
        await().atMost(Duration.ofSeconds(20)).until(() -> RECEIVER.distinctDeliveries("/outage") == EVENTS_BEFORE + EVENTS_DURING);
        long deliveredDuringOutage = System.nanoTime();
        tenant.request().when().get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("database is unavailable"));
        given().when().get(readiness).then().statusCode(503);
        await().atMost(OUTAGE.plusSeconds(5)).until(() -> System.nanoTime() - stopped >= OUTAGE.toNanos());

        startPostgres();
        long restarted = System.nanoTime();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tenant.request().when().get("/api/v1/webhooks").then().statusCode(200));
        long answering = System.nanoTime();
        await().atMost(Duration.ofSeconds(60)).until(() -> logged(webhook) == EVENTS_BEFORE + EVENTS_DURING);
        long caughtUp = System.nanoTime();
        assertTrue(RECEIVER.received("/outage").stream().allMatch(Receiver.Received::signatureValid));
        tenant.request().queryParam("status", "delivered").when().get("/api/v1/webhooks/{id}/deliveries", webhook)
                .then().statusCode(200).body("items[0].attempts.status_code", contains(200));
        System.out.printf("postgres outage: %d s; stopped with %d of %d deliveries logged; all made within %d ms of the stop; "
                + "API answering %d ms and the delivery log complete (%d deliveries) %d ms after PostgreSQL started%n",
                OUTAGE.toSeconds(), loggedAtStop, EVENTS_BEFORE + EVENTS_DURING, (deliveredDuringOutage - stopped) / 1_000_000,
                (answering - restarted) / 1_000_000, EVENTS_BEFORE + EVENTS_DURING, (caughtUp - restarted) / 1_000_000);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
        RECEIVER.close();
    }

    private static void publish(String site, int count) {
        TestKafkaClient.sendAll("statalog.events", site, TestEvents.goals(site, count));
    }

    /** Deliveries of the webhook in the log with their one attempt, counted in PostgreSQL itself. */
    private int logged(String webhook) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM delivery"
                        + " WHERE webhook_id = ? AND status = 'delivered' AND attempts @> '[{\"status_code\": 200}]'")) {
            query.setObject(1, UUID.fromString(webhook));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getInt(1);
            }
        }
    }

    static void startPostgres() {
        try {
            postgres = PostgresServer.startEmbedded(PORT, DATA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("registry-outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
