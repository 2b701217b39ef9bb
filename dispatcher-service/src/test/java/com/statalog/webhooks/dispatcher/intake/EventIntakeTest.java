package com.statalog.webhooks.dispatcher.intake;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.TestKafkaClient;

/** Kafka in, dead-letter topic out, figures over REST: the dispatcher's intake end to end. */
@QuarkusTest
class EventIntakeTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @Test
    void aPoisonRecordIsDeadLetteredWithItsReasonAndTheNextEventIsStillRead() {
        String poison = "not json " + UUID.randomUUID();
        TestKafkaClient.send("statalog.events", "ST-POISON", poison);
        TestKafkaClient.send("statalog.events", "ST-OK", """
                {"event":"goal.converted","site_id":"ST-OK","goal":{"id":17,"name":"Signup"},"monetary_value":49.00,\
                "visitor_id":"anon_7f3a2c","session_id":"sess_9d1e4b","url":"https://example.com/thank-you",\
                "timestamp":"2025-04-24T14:32:08Z"}""");

        var records = TestKafkaClient.readUntil("statalog.events.dead-letter",
                record -> poison.equals(TestKafkaClient.text(record.value())), Duration.ofSeconds(30));
        var deadLetter = records.get(records.size() - 1);
        assertEquals("ST-POISON", deadLetter.key());
        String reason = new String(deadLetter.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8);
        assertTrue(reason.startsWith("not_json"), reason);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().when().get(metrics)
                .then().statusCode(200)
                .body(containsString("statalog_events_dead_lettered_total{reason=\"not_json\"}"))
                .body(containsString("statalog_events_accepted_total")));
    }
}
