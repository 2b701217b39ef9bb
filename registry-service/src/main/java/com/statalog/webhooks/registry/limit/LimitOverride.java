package com.statalog.webhooks.registry.limit;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** What the operator granted one account beyond (or below) the defaults; a null keeps the default. */
@Entity
@Table(name = "account_limits")
public class LimitOverride extends PanacheEntityBase {

    @Id
    @Column(name = "account_id")
    public UUID accountId;

    public Integer webhooks;

    public Integer sites;

    @Column(name = "api_keys")
    public Integer apiKeys;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    Integer of(LimitedResource resource) {
        return switch (resource) {
            case WEBHOOKS -> webhooks;
            case SITES -> sites;
            case API_KEYS -> apiKeys;
        };
    }
}
