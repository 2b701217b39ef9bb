package com.statalog.webhooks.registry.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One message waiting to be published, mostly to the configuration topic; see {@link OutboxRelay}. */
@Entity
@Table(name = "outbox")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** Null: the configuration topic. */
    public String topic;

    @Column(name = "message_key", nullable = false)
    public String messageKey;

    /** JSON of the entity's current state; null for a tombstone (the entity is gone). */
    public String payload;

    /** The entity's version, for configuration messages (header {@code statalog-config-version}); null otherwise. */
    @Column(name = "config_version")
    public Long configVersion;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
