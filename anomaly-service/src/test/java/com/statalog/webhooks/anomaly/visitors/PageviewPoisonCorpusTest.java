package com.statalog.webhooks.anomaly.visitors;

import static com.statalog.webhooks.testkit.PoisonRecords.utf8;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.PoisonRecords.Poison;
import com.statalog.webhooks.testkit.PoisonRecords;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * A corpus of malformed records on statalog.pageviews, published in one go and followed by a
 * valid pageview: each one is dead-lettered with its own key and bytes and the reason expected;
 * none is counted, and the valid pageview behind them is.
 */
@QuarkusTest
class PageviewPoisonCorpusTest {

    private static final String OPERATOR = "test-operator-token";
    private static final String DAY = "2025-04-24";

    @Test
    void everyMalformedPageviewIsDeadLetteredWithItsReasonAndTheValidOneBehindThemIsCounted() {
        String site = "ST-PV-POISON-" + UUID.randomUUID().toString().substring(0, 8);
        List<Poison> corpus = corpus(site);
        PoisonRecords.publish("statalog.pageviews", corpus);
        TestKafkaClient.send("statalog.pageviews", site, pageview(site, "anon_valid"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                .queryParam("from", DAY).queryParam("to", DAY).get("/api/v1/sites/{site}/daily-visitors", site)
                .then().statusCode(200).body("[0].visitors", equalTo(1)));
        PoisonRecords.assertDeadLettered("statalog.pageviews.dead-letter", corpus, Duration.ofSeconds(60));
    }

    static List<Poison> corpus(String site) {
        String valid = pageview(site, "anon_poison");
        List<Poison> corpus = new ArrayList<>();
        corpus.add(new Poison("not JSON", site, utf8("not json " + site), "not_json"));
        corpus.add(new Poison("truncated JSON", site, utf8(valid.substring(0, valid.length() - 2)), "not_json"));
        corpus.add(new Poison("invalid UTF-8", site, PoisonRecords.withInvalidUtf8(valid.substring(0, 30), valid.substring(30)), "not_json"));
        corpus.add(new Poison("arrays nested 10 000 deep", site, utf8("[".repeat(10_000)), "not_json"));
        corpus.add(new Poison("a 20 000-character visitor_id", site, utf8(pageview(site, "v".repeat(20_000))), "too_large"));
        corpus.add(new Poison("a 300-character visitor_id", site, utf8(pageview(site, "v".repeat(300))), "bad_visitor_id"));
        // the broker's default limit for a record is 1 MiB with its overhead: this is as big as a value gets
        corpus.add(new Poison("a 1 MiB value", site, utf8(pageview(site, "m".repeat(1_040_000))), "too_large"));
        corpus.add(new Poison("a JSON array", site, utf8("[" + valid + "]"), "not_object"));
        corpus.add(new Poison("JSON null", site, utf8("null"), "not_object"));
        corpus.add(new Poison("an empty object", site, utf8("{}"), "bad_site_id"));
        corpus.add(new Poison("site_id is a number", site, utf8(valid.replace("\"" + site + "\"", "42")), "bad_site_id"));
        corpus.add(new Poison("visitor_id is an object", site, utf8(valid.replace("\"anon_poison\"", "{\"id\":1}")), "bad_visitor_id"));
        corpus.add(new Poison("visitor_id is blank", site, utf8(valid.replace("\"anon_poison\"", "\" \"")), "bad_visitor_id"));
        corpus.add(new Poison("timestamp is a number", site, utf8(valid.replace("\"" + DAY + "T12:00:00Z\"", "1745496000")), "bad_timestamp"));
        corpus.add(new Poison("timestamp without an offset", site, utf8(valid.replace("12:00:00Z", "12:00:00")), "bad_timestamp"));
        corpus.add(new Poison("an impossible date", site, utf8(valid.replace(DAY, "2025-02-30")), "bad_timestamp"));
        corpus.add(new Poison("a key other than site_id", site + "-OTHER", utf8(valid), "key_mismatch"));
        corpus.add(new Poison("no key", null, utf8(valid), "key_mismatch"));
        corpus.add(new Poison("an empty value", site, new byte[0], "empty_value"));
        corpus.add(new Poison("no value (a tombstone)", site + "-TOMBSTONE", null, "empty_value"));
        corpus.add(new Poison("no key and no value", null, null, "empty_value"));
        return corpus;
    }

    private static String pageview(String site, String visitor) {
        return "{\"site_id\":\"" + site + "\",\"visitor_id\":\"" + visitor + "\",\"timestamp\":\"" + DAY + "T12:00:00Z\"}";
    }
}
