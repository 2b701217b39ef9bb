package com.statalog.webhooks.dispatcher.intake;

import static com.statalog.webhooks.testkit.PoisonRecords.utf8;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.PoisonRecords.Poison;
import com.statalog.webhooks.testkit.PoisonRecords;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * A corpus of malformed records on statalog.events, published in one go and followed by a valid
 * event of the same site (the same partition): each one is dead-lettered with its own key and
 * bytes and the reason expected, and the valid event behind them is delivered.
 */
@QuarkusTest
class PoisonCorpusTest {

    private static final String SECRET = "whsec_cG9pc29uLXBvaXNvbi1wb2lzb24tcG9pc29uLXBvaXM=";
    private static final Receiver RECEIVER = new Receiver().verifyingWith(SECRET);

    @Inject
    WebhookDirectory directory;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void everyMalformedRecordIsDeadLetteredWithItsReasonAndTheValidEventBehindThemIsDelivered() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        UUID account = UUID.randomUUID();
        UUID webhook = UUID.randomUUID();
        // the valid event shares the poisons' key, so their partition: it is read only past all of them
        String site = "ST-POISON-" + run;
        ConfigTopic.site(site, account);
        ConfigTopic.webhook(new ConfigTopic.Webhook(webhook, account, site, RECEIVER.url("/after-poison"), List.of("goal.converted"),
                50, 50, true, SECRET));
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.webhook(webhook) != null);

        List<Poison> corpus = corpus(site);
        PoisonRecords.publish("statalog.events", corpus);
        TestKafkaClient.send("statalog.events", site, goal(site));

        await().atMost(Duration.ofSeconds(30)).until(() -> RECEIVER.received("/after-poison").size() == 1);
        assertTrue(RECEIVER.received("/after-poison").get(0).signatureValid());
        PoisonRecords.assertDeadLettered("statalog.events.dead-letter", corpus, Duration.ofSeconds(60));
    }

    /** Every record distinct by key or bytes, so that each dead letter tells which one it is. */
    static List<Poison> corpus(String site) {
        String event = goal(site);
        List<Poison> corpus = new ArrayList<>();
        corpus.add(new Poison("not JSON", site, utf8("not json " + site), "not_json"));
        corpus.add(new Poison("truncated JSON", site, utf8(event.substring(0, event.length() - 2)), "not_json"));
        corpus.add(new Poison("invalid UTF-8", site, PoisonRecords.withInvalidUtf8(event.substring(0, 40), event.substring(40)), "not_json"));
        corpus.add(new Poison("arrays nested 100 000 deep", site, utf8("[".repeat(100_000)), "not_json"));
        corpus.add(new Poison("arrays nested 5 000 deep inside an event", site,
                utf8(event.replace("\"goal\":", "\"x\":" + "[".repeat(5_000) + "]".repeat(5_000) + ",\"goal\":")), "not_json"));
        corpus.add(new Poison("a 300 000-character goal name", site, utf8(event.replace("Signup", "S".repeat(300_000))), "too_large"));
        // the broker's default limit for a record is 1 MiB with its overhead: this is as big as a value gets
        corpus.add(new Poison("a 1 MiB value", site, utf8(event.replace("Signup", "M".repeat(1_040_000))), "too_large"));
        corpus.add(new Poison("a JSON array", site, utf8("[" + event + "]"), "not_object"));
        corpus.add(new Poison("a JSON string", site, utf8("\"" + site + "\""), "not_object"));
        corpus.add(new Poison("JSON null", site, utf8("null"), "not_object"));
        corpus.add(new Poison("an empty object", site, utf8("{}"), "missing_event"));
        corpus.add(new Poison("event is a number", site, utf8(event.replace("\"goal.converted\"", "7")), "missing_event"));
        corpus.add(new Poison("event is null", site, utf8(event.replace("\"goal.converted\"", "null")), "missing_event"));
        corpus.add(new Poison("an unknown event", site, utf8(event.replace("goal.converted", "page.viewed")), "unknown_event"));
        corpus.add(new Poison("an event name in capitals", site, utf8(event.replace("goal.converted", "GOAL.CONVERTED")), "unknown_event"));
        corpus.add(new Poison("site_id is a number", site, utf8(event.replace("\"" + site + "\"", "42")), "missing_site_id"));
        corpus.add(new Poison("site_id is blank", site, utf8(event.replace("\"" + site + "\"", "\"  \"")), "missing_site_id"));
        corpus.add(new Poison("no site_id", site, utf8(event.replace("\"site_id\"", "\"site\"")), "missing_site_id"));
        corpus.add(new Poison("a key other than site_id", site + "-OTHER", utf8(event), "key_mismatch"));
        corpus.add(new Poison("no key", null, utf8(event), "key_mismatch"));
        corpus.add(new Poison("change_pct is a string", site, utf8("{\"event\":\"traffic.spike\",\"site_id\":\"" + site
                + "\",\"visitors_yesterday\":4820,\"visitors_average\":2100,\"change_pct\":\"129.5\"}"), "missing_change_pct"));
        corpus.add(new Poison("no change_pct", site, utf8("{\"event\":\"traffic.drop\",\"site_id\":\"" + site + "\"}"), "missing_change_pct"));
        corpus.add(new Poison("an empty value", site, new byte[0], "empty_value"));
        corpus.add(new Poison("no value (a tombstone)", site + "-TOMBSTONE", null, "empty_value"));
        corpus.add(new Poison("no key and no value", null, null, "empty_value"));
        return corpus;
    }

    private static String goal(String site) {
        return "{\"event\":\"goal.converted\",\"site_id\":\"" + site + "\",\"goal\":{\"id\":17,\"name\":\"Signup\"},"
                + "\"monetary_value\":null,\"visitor_id\":\"anon_1\",\"session_id\":\"sess_1\",\"url\":\"https://example.com/\","
                + "\"timestamp\":\"2025-04-24T14:32:08Z\"}";
    }
}
