package com.statalog.webhooks.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.contracts.config.ConfigMessages;
import com.statalog.webhooks.contracts.config.Goals;
import com.statalog.webhooks.contracts.config.PreviousSecret;
import com.statalog.webhooks.contracts.config.SealedSecret;
import com.statalog.webhooks.contracts.config.SecretSeal;
import com.statalog.webhooks.contracts.config.SiteState;
import com.statalog.webhooks.contracts.config.WebhookState;

/**
 * Writes the configuration topic with the registry's own contract types, sealing secrets with the
 * test key "test-new" ({@link DispatcherProcess#TEST_SECRET_KEYS}), so that tests control exactly
 * which webhooks exist without a registry.
 */
public final class ConfigTopic {

    public static final String TOPIC = "statalog.webhook-config";
    private static final SecretSeal TEST_SEAL = new SecretSeal(List.of("test-new="
            + Base64.getEncoder().encodeToString("test-key-new-test-key-new-test-k".getBytes(StandardCharsets.US_ASCII))));

    public record Webhook(UUID id, UUID accountId, String siteId, String url, List<String> events, double spike, double drop,
            boolean enabled, String secret) {
    }

    /** More of the registry's message than {@link Webhook} holds: a goal filter, a replaced secret. */
    public record Extra(Goals goals, PreviousSecret previousSecret) {

        static Extra of(Extra... extras) {
            return new Extra(Arrays.stream(extras).map(Extra::goals).filter(Objects::nonNull).findFirst().orElse(null),
                    Arrays.stream(extras).map(Extra::previousSecret).filter(Objects::nonNull).findFirst().orElse(null));
        }
    }

    private ConfigTopic() {
    }

    public static void site(String siteId, UUID accountId) {
        TestKafkaClient.send(TOPIC, ConfigKey.site(siteId), siteMessage(siteId, accountId));
    }

    public static void webhook(Webhook webhook, Extra... extras) {
        TestKafkaClient.send(TOPIC, ConfigKey.webhook(webhook.id()), webhookMessage(webhook, extras));
    }

    public static String siteMessage(String siteId, UUID accountId) {
        return ConfigMessages.write(SiteState.of(siteId, accountId));
    }

    /** The registry's message for this webhook, its secret sealed with the %test key "test-new". */
    public static String webhookMessage(Webhook webhook, Extra... extras) {
        Extra extra = Extra.of(extras);
        return ConfigMessages.write(new WebhookState(WebhookState.TYPE, webhook.id(), webhook.accountId(), webhook.siteId(),
                webhook.url(), webhook.events(), webhook.spike(), webhook.drop(), extra.goals(), webhook.enabled(),
                TEST_SEAL.sealForTopic(webhook.id(), webhook.secret()), extra.previousSecret()));
    }

    /** The secret a rotation replaced, honoured in webhook-signature until {@code until}. */
    public static Extra previousSecret(UUID webhookId, String secret, Instant until) {
        SealedSecret sealed = TEST_SEAL.sealForTopic(webhookId, secret);
        return new Extra(null, new PreviousSecret(sealed.keyId(), sealed.ciphertext(), until));
    }

    /** A goal filter of goal ids and names. */
    public static Extra goals(List<Long> ids, List<String> names) {
        return new Extra(new Goals(ids, names), null);
    }

    public static void deleteWebhook(UUID id) {
        TestKafkaClient.send(TOPIC, ConfigKey.webhook(id), null);
    }
}
