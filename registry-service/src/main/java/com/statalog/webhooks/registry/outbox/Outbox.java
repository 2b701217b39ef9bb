package com.statalog.webhooks.registry.outbox;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.contracts.config.ConfigMessages;
import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.config.ConfigMessage;
import com.statalog.webhooks.registry.webhook.Webhook;

/**
 * The transactional outbox: messages written inside the caller's transaction, so the database
 * change and its message commit or roll back together and no topic misses a change. Mostly
 * configuration changes (statalog.webhook-config); also replays and account notices, which the
 * same relay publishes in order after the changes made before them.
 */
@ApplicationScoped
public class Outbox {

    private final ObjectMapper json;

    Outbox(ObjectMapper json) {
        this.json = json;
    }

    /**
     * A site never changes once created (its account is fixed); it can be removed, and its id added
     * again, to this account or another. Its versions come from one sequence ({@link #nextSiteVersion}),
     * so that each life's messages are newer than every message of the lives before.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void siteChanged(Site site) {
        append(ConfigKey.site(site.siteId), ConfigMessages.write(ConfigMessage.of(site)), site.configVersion);
    }

    /** A tombstone, newer than every message of the site so far. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void siteDeleted(Site site) {
        append(ConfigKey.site(site.siteId), null, nextSiteVersion());
    }

    /** The version of a site's next message: greater than every one given before, to any site. */
    @Transactional(Transactional.TxType.MANDATORY)
    public long nextSiteVersion() {
        return ((Number) Site.getEntityManager().createNativeQuery("SELECT nextval('site_config_version')").getSingleResult()).longValue();
    }

    /**
     * The webhook as this transaction leaves it. Flushed first, so that the message carries the
     * version the change gets ({@code @Version}: it grows with every change of the row).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void webhookChanged(Webhook webhook) {
        Webhook.flush();
        webhookAsStored(webhook);
    }

    /** The webhook as stored, unchanged in this transaction (a republish): no flush, which would check every loaded row. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void webhookAsStored(Webhook webhook) {
        append(ConfigKey.webhook(webhook.id), ConfigMessages.write(ConfigMessage.of(webhook)), webhook.version);
    }

    /** A tombstone, one version after the webhook's last state: no republished state of it can come back. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void webhookDeleted(Webhook webhook) {
        append(ConfigKey.webhook(webhook.id), null, webhook.version + 1);
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

    private void append(String key, String value, long version) {
        OutboxMessage message = new OutboxMessage();
        message.messageKey = key;
        message.payload = value;
        message.configVersion = version;
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
