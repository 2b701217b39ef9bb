package com.statalog.webhooks.registry.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.ws.rs.NotFoundException;

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

    /** The account, or 404 when there is none. */
    public static Account require(UUID id) {
        Account account = findById(id);
        if (account == null) {
            throw new NotFoundException("no such account");
        }
        return account;
    }

    public static Account create(String name) {
        Account account = new Account();
        account.id = UUID.randomUUID();
        account.name = name;
        account.createdAt = Instant.now();
        account.persist();
        return account;
    }
}
