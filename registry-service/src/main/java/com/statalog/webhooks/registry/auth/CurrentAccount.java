package com.statalog.webhooks.registry.auth;

import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;

/** The account calling a route that only accounts may call ({@code @RolesAllowed(Roles.ACCOUNT)}). */
@RequestScoped
public class CurrentAccount {

    private final SecurityIdentity identity;

    CurrentAccount(SecurityIdentity identity) {
        this.identity = identity;
    }

    public UUID id() {
        if (!identity.hasRole(Roles.ACCOUNT)) {
            throw new IllegalStateException("not an account's request: the route lacks @RolesAllowed(Roles.ACCOUNT)");
        }
        return UUID.fromString(identity.getPrincipal().getName());
    }
}
