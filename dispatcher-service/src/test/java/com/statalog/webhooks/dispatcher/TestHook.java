package com.statalog.webhooks.dispatcher;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.Schemas;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/** A site with one webhook of its own on the configuration topic, pointing at a receiver's path. */
public final class TestHook {

    public static final String SECRET = "whsec_cmV0cnktcmV0cnktcmV0cnktcmV0cnktcmV0cnktcmU=";
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    public final UUID account = UUID.randomUUID();
    public final UUID id = UUID.randomUUID();
    public final String site = "ST-" + UUID.randomUUID().toString().substring(0, 8);
    public final String path;
    public final String event;

    /** Publishes the webhook and waits until the dispatcher knows it. */
    public TestHook(Receiver receiver, String path, WebhookDirectory directory) {
        this(receiver.url(path), SECRET, directory);
    }

    /** A webhook to any URL, signed with {@code secret}, and more members of its configuration message (ConfigTopic). */
    public TestHook(String url, String secret, WebhookDirectory directory, ConfigTopic.Extra... extras) {
        this.path = java.net.URI.create(url).getPath();
        this.event = goalEvent(3, "Purchase");
        ConfigTopic.site(site, account);
        publish(url, true, secret, extras);
        await().atMost(WITHIN).until(() -> directory.webhook(id) != null);
    }

    /** A goal.converted event of this hook's site for the goal {@code (goalId, goalName)}. */
    public String goalEvent(int goalId, String goalName) {
        return "{\"event\":\"goal.converted\",\"site_id\":\"" + site + "\",\"goal\":{\"id\":" + goalId + ",\"name\":\"" + goalName
                + "\"},\"monetary_value\":12.5,\"visitor_id\":\"anon_r\",\"session_id\":\"sess_r\",\"url\":\"https://example.com/\","
                + "\"timestamp\":\"2025-04-24T14:32:08Z\"}";
    }

    /** Publishes this webhook's configuration again, with more members of its message (ConfigTopic). */
    public void publish(String url, boolean enabled, String secret, ConfigTopic.Extra... extras) {
        ConfigTopic.webhook(new ConfigTopic.Webhook(id, account, site, url, List.of("goal.converted"), 50, 50, enabled, secret), extras);
    }

    public void send() {
        TestKafkaClient.send("statalog.events", site, event);
    }

    /** The first {@code count} attempt records of this webhook, in order, each checked against the contract's schema. */
    public List<JsonNode> attempts(int count) {
        List<JsonNode> found = new ArrayList<>();
        TestKafkaClient.readUntil("statalog.webhook-attempts", record -> {
            if (id.toString().equals(record.key())) {
                String value = TestKafkaClient.text(record.value());
                Set<?> violations = Schemas.check("attempt.schema.json", value);
                if (!violations.isEmpty()) {
                    throw new AssertionError("the attempt record breaks its contract: " + violations);
                }
                try {
                    found.add(JSON.readTree(value));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            return found.size() == count;
        }, WITHIN);
        return found;
    }
}
