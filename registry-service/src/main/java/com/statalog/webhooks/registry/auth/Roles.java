package com.statalog.webhooks.registry.auth;

/**
 * Who may call a route, one role per kind of credential (docs/registry-api.md): the operator
 * token, the service token of our other services, or an account's API key.
 */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String SERVICE = "service";
    public static final String ACCOUNT = "account";

    private Roles() {
    }
}
