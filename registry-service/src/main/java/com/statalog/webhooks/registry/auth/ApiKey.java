package com.statalog.webhooks.registry.auth;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An account's API key, stored only as the SHA-256 of its secret part. */
@Entity
@Table(name = "api_key")
public class ApiKey extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "secret_hash", nullable = false)
    public byte[] secretHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** Null: it never expires. */
    @Column(name = "expires_at")
    public Instant expiresAt;

    /** When a request last presented it, to the minute (ApiKeys.TOUCH_EVERY); null: never. */
    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    boolean expiredAt(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** What people recognise a key by, and nothing secret: {@code slk_} and the first 8 hex digits of its id. */
    public String prefix() {
        return "slk_" + id.toString().substring(0, 8);
    }
}
