package com.statalog.webhooks.registry.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tracked site, as Statalog names it (e.g. ST-A1B2C3); it belongs to one account. */
@Entity
public class Site extends PanacheEntityBase {

    @Id
    @Column(name = "site_id")
    public String siteId;

    @Column(name = "account_id", nullable = false)
    public UUID accountId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The version of its configuration messages (from the sequence site_config_version: a site id's versions grow across its lives). */
    @Column(name = "config_version", nullable = false)
    public long configVersion;
}
