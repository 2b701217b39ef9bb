package com.statalog.webhooks.registry.config;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.webhook.Webhook;

/**
 * Records configuration changes in the outbox, inside the caller's transaction: the database row
 * and the message commit or roll back together, so the topic never misses a change.
 */
@ApplicationScoped
public class ConfigOutbox {

    private final ObjectMapper json;

    ConfigOutbox(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void siteChanged(Site site) {
        append(ConfigMessage.siteKey(site.siteId), ConfigMessage.SiteState.of(site));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void webhookChanged(Webhook webhook) {
        append(ConfigMessage.webhookKey(webhook.id), ConfigMessage.WebhookState.of(webhook));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void webhookDeleted(UUID webhookId) {
        append(ConfigMessage.webhookKey(webhookId), null);
    }

    /**
     * A message for another topic, sent by the same relay: it commits with the change that caused it
     * and is published after the configuration changes made before it.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, Object value) {
        OutboxMessage message = new OutboxMessage();
        message.topic = topic;
        message.messageKey = key;
        message.payload = toJson(value);
        message.createdAt = Instant.now();
        message.persist();
    }

    private void append(String key, Object state) {
        OutboxMessage message = new OutboxMessage();
        message.messageKey = key;
        message.payload = state == null ? null : toJson(state);
        message.createdAt = Instant.now();
        message.persist();
    }

    private String toJson(Object state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("configuration state is not serialisable", e);
        }
    }
}
