package com.statalog.webhooks.registry.webhook;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

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

    @Column(name = "secret_key_id", nullable = false)
    public String secretKeyId;

    @Column(name = "secret_ciphertext", nullable = false)
    public byte[] secretCiphertext;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The account's webhook with this id, or null: another account's webhook is as absent as a missing one. */
    public static Webhook findOwned(UUID accountId, UUID id) {
        return find("id = ?1 and accountId = ?2", id, accountId).firstResult();
    }
}
