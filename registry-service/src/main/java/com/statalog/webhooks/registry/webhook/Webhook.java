package com.statalog.webhooks.registry.webhook;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Version;
import jakarta.ws.rs.NotFoundException;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A customer endpoint and what it subscribes to. Its signing secret is only ever held encrypted. */
@Entity
public class Webhook extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String url;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(nullable = false)
    public String[] events;

    /** Null: every site of the account. */
    @Column(name = "site_id")
    public String siteId;

    @Column(name = "spike_threshold_pct", nullable = false)
    public BigDecimal spikeThresholdPct;

    @Column(name = "drop_threshold_pct", nullable = false)
    public BigDecimal dropThresholdPct;

    @Column(nullable = false)
    public boolean enabled;

    /** Deliveries dropped before this instant do not count towards disabling the webhook. */
    @Column(name = "enabled_at", nullable = false)
    public Instant enabledAt;

    /** Why the webhook is disabled ({@link DisabledReason}); null while it is enabled. */
    @Column(name = "disabled_reason")
    public String disabledReason;

    @Column(name = "disabled_at")
    public Instant disabledAt;

    /** goal.converted only for these goal ids and names; both empty: every goal. */
    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "goal_ids", nullable = false)
    public Long[] goalIds = new Long[0];

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "goal_names", nullable = false)
    public String[] goalNames = new String[0];

    @Column(name = "secret_key_id", nullable = false)
    public String secretKeyId;

    @Column(name = "secret_ciphertext", nullable = false)
    public byte[] secretCiphertext;

    /** The secret the last rotation replaced, sealed like the current one, honoured until {@link #previousSecretUntil}. */
    @Column(name = "previous_secret_key_id")
    public String previousSecretKeyId;

    @Column(name = "previous_secret_ciphertext")
    public byte[] previousSecretCiphertext;

    @Column(name = "previous_secret_until")
    public Instant previousSecretUntil;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Two transactions changing the webhook at once: the later one fails instead of undoing the other. */
    @Version
    public long version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** Enables the webhook, forgetting why it was disabled: its failures are counted afresh from now. */
    public void enable(Instant now) {
        if (!enabled) {
            enabled = true;
            enabledAt = now;
            disabledReason = null;
            disabledAt = null;
        }
    }

    public void disable(DisabledReason reason, Instant now) {
        if (enabled) {
            enabled = false;
            disabledReason = reason.wireName();
            disabledAt = now;
        }
    }

    /** The account's webhook with this id, or null: another account's webhook is as absent as a missing one. */
    public static Webhook findOwned(UUID accountId, UUID id) {
        return find("id = ?1 and accountId = ?2", id, accountId).firstResult();
    }

    /** The account's webhook with this id; 404 for a malformed id, a missing webhook and another account's alike. */
    public static Webhook owned(UUID accountId, String id) {
        UUID webhookId;
        try {
            webhookId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no such webhook");
        }
        Webhook webhook = findOwned(accountId, webhookId);
        if (webhook == null) {
            throw new NotFoundException("no such webhook");
        }
        return webhook;
    }
}
