package com.statalog.webhooks.contracts.notification;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A notice of statalog.account-notifications (key: the account id; schema:
 * contracts/notification.schema.json): a webhook was disabled by the platform, not by the account.
 * {@code reason} is {@code endpoint_gone} or {@code deliveries_failing}. No URL: some endpoints
 * carry a credential in theirs, and notices travel further than the API.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WebhookDisabled(String type, UUID accountId, UUID webhookId, String webhookName, String reason, String message,
        Instant disabledAt) {

    public static final String TYPE = "webhook.disabled";

    public static WebhookDisabled of(UUID accountId, UUID webhookId, String webhookName, String reason, String message,
            Instant disabledAt) {
        return new WebhookDisabled(TYPE, accountId, webhookId, webhookName, reason, message, disabledAt);
    }
}
