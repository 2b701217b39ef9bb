package com.statalog.webhooks.anomaly.visitors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.statalog.webhooks.anomaly.AnomalyProcess;
import com.statalog.webhooks.local.PostgresServer;
import com.statalog.webhooks.testkit.KafkaProcess;
import com.statalog.webhooks.testkit.PostgresTestResource;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * The broker under the packaged anomaly service is stopped and started again: readiness shows the
 * outage, the service recovers without a restart, and every pageview of both sides of the outage
 * is counted.
 */
class KafkaRestartIT {

    private static final int VISITORS = 1_000;
    private static final String DAY = "2025-04-24";

    @Test
    void pageviewsOnBothSidesOfABrokerRestartAreAllCounted() {
        PostgresServer postgres = PostgresTestResource.server();
        String database = "anomaly_restart_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabaseIfMissing(database);
        String site = "ST-RESTART-" + UUID.randomUUID().toString().substring(0, 6);
        try (KafkaProcess kafka = KafkaProcess.startTemporary();
                ServiceProcess anomaly = AnomalyProcess.start(kafka.bootstrapServers(), postgres, database, Map.of(), "anomaly-kafka-restart")) {
            publish(kafka, site, 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> visitors(anomaly, site) == VISITORS);

            long stopped = System.nanoTime();
            kafka.stop();
            await().atMost(Duration.ofSeconds(60)).until(() -> !anomaly.ready());
            long noticed = System.nanoTime();
            kafka.start();
            long restarted = System.nanoTime();
            await().atMost(Duration.ofSeconds(90)).until(() -> anomaly.ready());
            long recovered = System.nanoTime();
            publish(kafka, site, VISITORS);
            await().atMost(Duration.ofSeconds(60)).until(() -> visitors(anomaly, site) == 2 * VISITORS);

            System.out.printf("anomaly kafka restart: %d pageviews counted; readiness DOWN within %d ms of the stop, ready %d ms after the"
                    + " broker started%n", 2 * VISITORS, (noticed - stopped) / 1_000_000, (recovered - restarted) / 1_000_000);
        } finally {
            postgres.dropDatabaseIfExists(database);
        }
    }

    private static void publish(KafkaProcess kafka, String site, int firstVisitor) {
        TestKafkaClient.sendAll(kafka.bootstrapServers(), "statalog.pageviews", site, IntStream.range(firstVisitor, firstVisitor + VISITORS)
                .mapToObj(visitor -> "{\"site_id\":\"" + site + "\",\"visitor_id\":\"anon_" + visitor + "\",\"timestamp\":\"" + DAY
                        + "T12:00:00Z\"}")
                .toList());
    }

    private static int visitors(ServiceProcess anomaly, String site) {
        List<Integer> totals = given().auth().oauth2(AnomalyProcess.OPERATOR).queryParam("from", DAY).queryParam("to", DAY)
                .get(anomaly.url() + "/api/v1/sites/{site}/daily-visitors", site).then().statusCode(200).extract().path("visitors");
        return totals.isEmpty() ? 0 : totals.get(0);
    }
}
