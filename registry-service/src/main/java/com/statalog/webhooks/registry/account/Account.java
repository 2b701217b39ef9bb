package com.statalog.webhooks.registry.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A tenant: it owns sites, API keys and webhooks. */
@Entity
public class Account extends PanacheEntityBase {

    @Id
    public UUID id;

    @Column(nullable = false)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    public static Account create(String name) {
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.name = name;
        account.createdAt = Instant.now();
        account.persist();
        return account;
    }
}
