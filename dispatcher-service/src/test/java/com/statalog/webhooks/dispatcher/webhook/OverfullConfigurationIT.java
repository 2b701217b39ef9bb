package com.statalog.webhooks.dispatcher.webhook;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.ServiceProcess;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Issue 35's outage, replayed on the packaged dispatcher with the local stack's 96 MB heap and the
 * default bounds: the configuration topic already holds 12 000 webhooks of one account, each of the
 * registry's largest size (a 2048-character URL, 50 goal names of 100 characters), then another
 * account's webhook. Before, the reader ran out of heap and the dispatcher never got ready; now it
 * starts, gets ready, refuses and reports what passes the account's share, and delivers the other
 * account's event. Topics of its own, so that no other test's dispatcher reads this configuration.
 */
class OverfullConfigurationIT {

    private static final String CONFIG_TOPIC = "statalog.webhook-config.overfull-it";
    private static final String EVENTS_TOPIC = "statalog.events.overfull-it";
    private static final int GREEDY_WEBHOOKS = 12_000;
    private static final String SECRET = "whsec_b3ZlcmZ1bGwtb3ZlcmZ1bGwtb3ZlcmZ1bGwtb3ZlcmY=";

    @Test
    void aTopicHoldingMoreThanTheHeapAllowsStillGivesAReadyDispatcherThatDeliversForOthers() throws Exception {
        String kafka = KafkaTestResource.bootstrapServers();
        createTopics(kafka);
        UUID greedy = UUID.randomUUID();
        String greedySite = "ST-GREEDY-" + UUID.randomUUID().toString().substring(0, 6);
        UUID other = UUID.randomUUID();
        String otherSite = "ST-OTHER-" + UUID.randomUUID().toString().substring(0, 6);
        try (Receiver receiver = new Receiver().verifyingWith(SECRET)) {
            publishConfiguration(kafka, greedy, greedySite, other, otherSite, receiver.url("/overfull/other"));
            // the events topic exists before the dispatcher subscribes
            TestKafkaClient.send(EVENTS_TOPIC, "ST-NOBODY", TestEvents.goal("ST-NOBODY"));

            long start = System.nanoTime();
            try (ServiceProcess dispatcher = DispatcherProcess.start(kafka, true, List.of("-Xmx96m"), "overfull-it-dispatcher",
                    Map.of("STATALOG_TOPICS_WEBHOOK_CONFIG", CONFIG_TOPIC, "STATALOG_TOPICS_EVENTS", EVENTS_TOPIC))) {
                double readySeconds = (System.nanoTime() - start) / 1e9;
                TestKafkaClient.send(EVENTS_TOPIC, otherSite, TestEvents.goal(otherSite));
                await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received("/overfull/other").size() == 1);
                assertTrue(receiver.received("/overfull/other").get(0).signatureValid());

                given().get(dispatcher.managementUrl() + "/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'configuration-topic' }.data.state", equalTo("loaded"))
                        .body("checks.find { it.name == 'configuration-topic' }.data.accounts_over_limits_first",
                                containsString(greedy.toString()));
                double loaded = dispatcher.metric("statalog_webhooks_loaded");
                double refused = dispatcher.metric("statalog_config_webhooks_refused_total");
                assertTrue(refused > 0 && loaded + refused >= GREEDY_WEBHOOKS + 1, loaded + " loaded, " + refused + " refused");
                System.out.printf("overfull configuration: ready in %.1f s with 96 MB of heap; %.0f webhooks loaded, %.0f refused"
                        + " (%.0f for the account's share); estimated %.1f of %.1f MB%n", readySeconds, loaded, refused,
                        dispatcher.metric("statalog_config_webhooks_refused_total{reason=\"account_memory\""),
                        dispatcher.metric("statalog_config_heap_estimated_bytes") / 1e6,
                        dispatcher.metric("statalog_config_heap_budget_bytes") / 1e6);
            }
        }
    }

    /** As the real ones: the configuration compacted, both with several partitions (the broker creates no topic by itself). */
    private static void createTopics(String kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(
                    new NewTopic(CONFIG_TOPIC, 3, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)),
                    new NewTopic(EVENTS_TOPIC, 3, (short) 1))).all().get();
        }
    }

    private static void publishConfiguration(String kafka, UUID greedy, String greedySite, UUID other, String otherSite, String otherUrl) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        List<String> goalNames = IntStream.range(0, 50).mapToObj(i -> String.format("%03d", i) + "g".repeat(97)).toList();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(CONFIG_TOPIC, ConfigKey.site(greedySite), ConfigTopic.siteMessage(greedySite, greedy)));
            for (int i = 0; i < GREEDY_WEBHOOKS; i++) {
                String prefix = "http://127.0.0.1:9/" + i + "/";
                ConfigTopic.Webhook webhook = new ConfigTopic.Webhook(UUID.randomUUID(), greedy, greedySite,
                        prefix + "u".repeat(2048 - prefix.length()), List.of("goal.converted"), 50, 50, true, SECRET);
                producer.send(new ProducerRecord<>(CONFIG_TOPIC, ConfigKey.webhook(webhook.id()),
                        ConfigTopic.webhookMessage(webhook, ConfigTopic.goals(List.of(), goalNames))));
            }
            producer.send(new ProducerRecord<>(CONFIG_TOPIC, ConfigKey.site(otherSite), ConfigTopic.siteMessage(otherSite, other)));
            ConfigTopic.Webhook webhook = new ConfigTopic.Webhook(UUID.randomUUID(), other, otherSite, otherUrl, List.of("goal.converted"),
                    50, 50, true, SECRET);
            producer.send(new ProducerRecord<>(CONFIG_TOPIC, ConfigKey.webhook(webhook.id()), ConfigTopic.webhookMessage(webhook)));
            producer.flush();
        }
    }
}
