package com.statalog.webhooks.anomaly.evaluation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.ServiceProcess;

/**
 * The spec's two worked examples from imported history to a customer's receiver: this service
 * evaluates and publishes, the real dispatcher (a process) signs and delivers, the receiver
 * verifies the signature as the spec's code does and gets exactly the spec's format.
 */
@QuarkusTest
class WorkedExamplesEndToEndTest {

    private static final String OPERATOR = "test-operator-token";
    private static final String SECRET = "whsec_d29ya2VkLWV4YW1wbGVzLXdvcmtlZC1leGFtcGxlcy13b3I=";
    private static final LocalDate DAY = LocalDate.parse("2025-03-10");
    private static Receiver receiver;
    private static ServiceProcess dispatcher;

    @BeforeAll
    static void startDispatcherAndReceiver() {
        receiver = new Receiver().verifyingWith(SECRET);
        dispatcher = DispatcherProcess.start(true, List.of(), "anomaly-e2e-dispatcher");
    }

    @AfterAll
    static void stop() {
        dispatcher.close();
        receiver.close();
    }

    @Test
    void aSpikeAndADropReachTheReceiverSignedAndInTheSpecsFormat() {
        UUID account = UUID.randomUUID();
        String spikeSite = "ST-E2E-S" + UUID.randomUUID().toString().substring(0, 4);
        String dropSite = "ST-E2E-D" + UUID.randomUUID().toString().substring(0, 4);
        ConfigTopic.site(spikeSite, account);
        ConfigTopic.site(dropSite, account);
        UUID webhook = UUID.randomUUID();
        ConfigTopic.webhook(new ConfigTopic.Webhook(webhook, account, null, receiver.url("/traffic"),
                List.of("traffic.spike", "traffic.drop"), 50, 50, true, SECRET));
        // an event the dispatcher reads before it knows the webhook would find no subscriber
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(DispatcherProcess.SERVICE_TOKEN)
                .get(dispatcher.url() + "/internal/v1/config/webhooks/{id}", webhook).statusCode() == 200);
        for (String site : List.of(spikeSite, dropSite)) {
            for (int i = 1; i <= 30; i++) {
                total(site, DAY.minusDays(i), 2100);
            }
        }
        total(spikeSite, DAY, 4820);
        total(dropSite, DAY, 1000);

        // both services read the configuration topic asynchronously: evaluate until both events are out
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Map.of("day", DAY.toString()))
                    .post("/api/v1/evaluations").then().statusCode(200);
            return receiver.received("/traffic").size() >= 2;
        });

        var requests = receiver.received("/traffic");
        assertEquals(2, requests.size());
        for (Receiver.Received request : requests) {
            assertTrue(request.signatureValid(), "the spec's verifier accepts the signature");
            String body = new String(request.body(), StandardCharsets.UTF_8);
            String timestamp = body.substring(body.indexOf("\"timestamp\":\"") + 13, body.lastIndexOf('"'));
            if ("traffic.spike".equals(request.header("X-Statalog-Event"))) {
                assertEquals("{\"event\":\"traffic.spike\",\"site_id\":\"" + spikeSite + "\",\"visitors_yesterday\":4820,"
                        + "\"visitors_average\":2100,\"change_pct\":129.5,\"timestamp\":\"" + timestamp + "\"}", body);
            } else {
                assertEquals("{\"event\":\"traffic.drop\",\"site_id\":\"" + dropSite + "\",\"visitors_yesterday\":1000,"
                        + "\"visitors_average\":2100,\"change_pct\":-52.4,\"timestamp\":\"" + timestamp + "\"}", body);
            }
        }
    }

    private static void total(String site, LocalDate day, long visitors) {
        given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Map.of("visitors", visitors))
                .put("/api/v1/sites/{site}/daily-visitors/{day}", site, day.toString()).then().statusCode(200);
    }
}
