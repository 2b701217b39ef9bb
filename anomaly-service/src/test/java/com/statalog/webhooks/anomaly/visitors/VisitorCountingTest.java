package com.statalog.webhooks.anomaly.visitors;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.TestKafkaClient;

/** Kafka in, exact counts in PostgreSQL, totals out over REST: the anomaly service's intake end to end. */
@QuarkusTest
class VisitorCountingTest {

    private static final String OPERATOR = "test-operator-token";

    @Test
    void distinctVisitorsAreCountedPerUtcDayAndDuplicatesCountOnce() {
        String site = "ST-" + UUID.randomUUID().toString().substring(0, 8);
        pageview(site, "anon_a", "2025-04-23T23:59:59Z");
        pageview(site, "anon_a", "2025-04-24T00:00:00Z");
        pageview(site, "anon_a", "2025-04-24T10:00:00Z"); // same visitor, same day
        pageview(site, "anon_b", "2025-04-24T01:30:00+02:00"); // 2025-04-23T23:30Z: the day before, in UTC
        pageview(site, "anon_c", "2025-04-24T12:00:00Z");
        pageview(site, "anon_c", "2025-04-24T12:00:00Z"); // a re-delivered record

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                .queryParam("from", "2025-04-22").queryParam("to", "2025-04-25")
                .when().get("/api/v1/sites/{site}/daily-visitors", site)
                .then().statusCode(200)
                .body("", hasSize(2))
                .body("[0].date", equalTo("2025-04-23")).body("[0].visitors", equalTo(2))
                .body("[1].date", equalTo("2025-04-24")).body("[1].visitors", equalTo(2)));
    }

    @Test
    void anInvalidPageviewIsDeadLetteredWithItsReason() {
        String poison = "{\"site_id\":\"ST-X\",\"visitor_id\":\"v\",\"timestamp\":\"yesterday " + UUID.randomUUID() + "\"}";
        TestKafkaClient.send("statalog.pageviews", "ST-X", poison);

        var records = TestKafkaClient.readUntil("statalog.pageviews.dead-letter",
                record -> poison.equals(TestKafkaClient.text(record.value())), Duration.ofSeconds(30));
        String reason = new String(records.get(records.size() - 1).headers().lastHeader("dead-letter-reason").value(),
                StandardCharsets.UTF_8);
        assertTrue(reason.startsWith("bad_timestamp"), reason);
    }

    @Test
    void theOperatorApiRefusesOtherTokens() {
        given().auth().oauth2("wrong").queryParam("from", "2025-04-22").queryParam("to", "2025-04-25")
                .when().get("/api/v1/sites/ST-A/daily-visitors")
                .then().statusCode(401);
    }

    private static void pageview(String site, String visitor, String timestamp) {
        TestKafkaClient.send("statalog.pageviews", site,
                "{\"site_id\":\"" + site + "\",\"visitor_id\":\"" + visitor + "\",\"timestamp\":\"" + timestamp + "\"}");
    }
}
