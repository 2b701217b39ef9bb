package com.statalog.webhooks.local;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes the configuration topic as the registry does (docs/config-topic.md), sealing secrets with
 * the test key "test-new" ({@link DispatcherProcess#TEST_SECRET_KEYS}), so that tests control
 * exactly which webhooks exist without a registry.
 */
public final class ConfigTopic {

    public static final String TOPIC = "statalog.webhook-config";
    private static final byte[] TEST_KEY = "test-key-new-test-key-new-test-k".getBytes(StandardCharsets.US_ASCII);

    public record Webhook(UUID id, UUID accountId, String siteId, String url, List<String> events, double spike, double drop,
            boolean enabled, String secret) {
    }

    private ConfigTopic() {
    }

    public static void site(String siteId, UUID accountId) {
        TestKafkaClient.send(TOPIC, siteKey(siteId), siteMessage(siteId, accountId));
    }

    public static void webhook(Webhook webhook) {
        webhook(webhook, new String[0]);
    }

    /** With more members of the registry's message, as JSON text (see {@link #previousSecret}, {@link #goals}). */
    public static void webhook(Webhook webhook, String... members) {
        TestKafkaClient.send(TOPIC, webhookKey(webhook.id()), webhookMessage(webhook, members));
    }

    public static String siteKey(String siteId) {
        return "site:" + siteId;
    }

    public static String webhookKey(UUID id) {
        return "webhook:" + id;
    }

    public static String siteMessage(String siteId, UUID accountId) {
        return "{\"type\":\"site\",\"site_id\":\"" + siteId + "\",\"account_id\":\"" + accountId + "\"}";
    }

    /** The registry's message for this webhook, its secret sealed with the %test key "test-new". */
    public static String webhookMessage(Webhook webhook, String... members) {
        String extra = members.length == 0 ? "" : "," + String.join(",", members);
        String events = String.join(",", webhook.events().stream().map(event -> "\"" + event + "\"").toList());
        return "{\"type\":\"webhook\",\"id\":\"" + webhook.id()
                + "\",\"account_id\":\"" + webhook.accountId() + "\",\"site_id\":"
                + (webhook.siteId() == null ? "null" : quoted(webhook.siteId())) + ",\"url\":" + quoted(webhook.url())
                + ",\"events\":[" + events + "],\"spike_threshold_pct\":" + webhook.spike() + ",\"drop_threshold_pct\":"
                + webhook.drop() + ",\"enabled\":" + webhook.enabled() + ",\"secret\":{\"key_id\":\"test-new\",\"ciphertext\":\""
                + seal(webhook.id(), webhook.secret()) + "\"}" + extra + "}";
    }

    /** The secret a rotation replaced, honoured in webhook-signature until {@code until}. */
    public static String previousSecret(UUID webhookId, String secret, Instant until) {
        return "\"previous_secret\":{\"key_id\":\"test-new\",\"ciphertext\":\"" + seal(webhookId, secret) + "\",\"until\":\""
                + until + "\"}";
    }

    /** A goal filter of goal ids and names. */
    public static String goals(List<Long> ids, List<String> names) {
        return "\"goals\":{\"ids\":" + ids + ",\"names\":[" + String.join(",", names.stream().map(ConfigTopic::quoted).toList())
                + "]}";
    }

    public static void deleteWebhook(UUID id) {
        TestKafkaClient.send(TOPIC, webhookKey(id), null);
    }

    /** A JSON string: the tests' URLs include hostile ones, with backslashes and quotes. */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String seal(UUID webhookId, String secret) {
        try {
            byte[] nonce = new byte[12];
            new SecureRandom().nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(TEST_KEY, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(webhookId.toString().getBytes(StandardCharsets.US_ASCII));
            byte[] encrypted = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(ByteBuffer.allocate(12 + encrypted.length).put(nonce).put(encrypted).array());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
