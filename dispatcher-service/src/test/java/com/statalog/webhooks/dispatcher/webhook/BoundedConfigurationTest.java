package com.statalog.webhooks.dispatcher.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Whatever the configuration topic holds, the dispatcher starts, gets ready and delivers for
 * everyone else: one account's webhooks past its bound (written straight to the topic, as a
 * registry without limits or a hostile script would leave them), a webhook larger than the registry
 * writes and an unreadable record are refused or skipped and reported, never loaded and never fatal.
 */
@QuarkusTest
@TestProfile(BoundedConfigurationTest.SmallBounds.class)
class BoundedConfigurationTest {

    static final int LIMIT = 10;

    public static class SmallBounds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statalog.config.max-webhooks-per-account", Integer.toString(LIMIT));
        }
    }

    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Receiver RECEIVER = new Receiver().verifyingWith(TestHook.SECRET);

    @Inject
    WebhookDirectory directory;

    @Inject
    MeterRegistry meters;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void anAccountPastItsBoundIsRefusedAndReportedWhileAnotherAccountIsDelivered() {
        UUID greedy = UUID.randomUUID();
        String greedySite = "ST-" + UUID.randomUUID().toString().substring(0, 8);
        ConfigTopic.site(greedySite, greedy);
        List<UUID> greedyHooks = new ArrayList<>();
        for (int i = 0; i < LIMIT + 4; i++) {
            UUID id = UUID.randomUUID();
            greedyHooks.add(id);
            // each of the registry's largest size: a 2048-character URL and 50 goal names of 100 characters
            ConfigTopic.webhook(new ConfigTopic.Webhook(id, greedy, greedySite, longestUrl(i), List.of("goal.converted"), 50, 50, true,
                    TestHook.SECRET), ConfigTopic.goals(List.of(), longestGoalNames()));
        }
        TestKafkaClient.send(ConfigTopic.TOPIC, ConfigKey.webhook(UUID.randomUUID()), "{\"not\": \"a webhook");

        TestHook other = new TestHook(RECEIVER, "/bounded/other", directory);
        other.send();

        await().atMost(WITHIN).until(() -> RECEIVER.received("/bounded/other").size() == 1);
        assertTrue(RECEIVER.received("/bounded/other").get(0).signatureValid());
        await().atMost(WITHIN).until(() -> loaded(greedyHooks) == LIMIT && refusalListed(greedy));
        assertEquals(LIMIT, loaded(greedyHooks), "no more than the bound, and exactly the bound");
        given().get(readiness).then().statusCode(200)
                .body("checks.find { it.name == 'configuration-topic' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'configuration-topic' }.data.state", equalTo("loaded"))
                .body("checks.find { it.name == 'configuration-topic' }.data.accounts_over_limits_first", containsString(greedy.toString()));
        assertTrue(meters.get("statalog.config.webhooks.refused").tag("reason", "account_limit").counter().count() >= 4);
        assertTrue(meters.get("statalog.config.messages.skipped").counter().count() >= 1, "the unreadable record was skipped");

        // a delete frees a place: the account's next webhook is loaded
        ConfigTopic.deleteWebhook(greedyHooks.stream().filter(id -> directory.webhook(id) != null).findFirst().orElseThrow());
        UUID next = UUID.randomUUID();
        ConfigTopic.webhook(new ConfigTopic.Webhook(next, greedy, greedySite, "http://127.0.0.1:9/next", List.of("goal.converted"), 50,
                50, true, TestHook.SECRET));
        await().atMost(WITHIN).until(() -> directory.webhook(next) != null);
    }

    @Test
    void aWebhookRepublishedLargerThanTheRegistryWritesIsUnloadedNotKeptAsItWas() {
        TestHook hook = new TestHook(RECEIVER, "/bounded/grown", directory);
        String tooLong = "http://127.0.0.1:9/" + "x".repeat(WebhookSize.MAX_URL_CHARS);
        hook.publish(tooLong, true, TestHook.SECRET);

        await().atMost(WITHIN).until(() -> directory.webhook(hook.id) == null);
        await().atMost(WITHIN).until(() -> refusalListed(hook.account));
        assertTrue(meters.get("statalog.config.webhooks.refused").tag("reason", "oversized").counter().count() >= 1);

        hook.publish(RECEIVER.url("/bounded/grown"), true, TestHook.SECRET);
        await().atMost(WITHIN).until(() -> directory.webhook(hook.id) != null);
        hook.send();
        await().atMost(WITHIN).until(() -> RECEIVER.received("/bounded/grown").size() == 1);
    }

    private long loaded(List<UUID> ids) {
        return ids.stream().filter(id -> directory.webhook(id) != null).count();
    }

    private boolean refusalListed(UUID account) {
        String listed = given().get(readiness).then().extract()
                .path("checks.find { it.name == 'configuration-topic' }.data.accounts_over_limits_first");
        return listed != null && listed.contains(account.toString());
    }

    private static String longestUrl(int i) {
        String prefix = "http://127.0.0.1:9/" + i + "/";
        return prefix + "u".repeat(WebhookSize.MAX_URL_CHARS - prefix.length());
    }

    private static List<String> longestGoalNames() {
        return IntStream.range(0, WebhookSize.MAX_GOAL_ENTRIES)
                .mapToObj(i -> String.format("%03d", i) + "g".repeat(WebhookSize.MAX_GOAL_NAME_CHARS - 3)).toList();
    }
}
