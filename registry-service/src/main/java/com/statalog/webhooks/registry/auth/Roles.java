package com.statalog.webhooks.registry.auth;

/**
 * Who may call a route, one role per kind of credential (docs/registry-api.md): the operator
 * token, the service token of our other services, or an account's API key. Each is a bearer
 * scheme of its own in the OpenAPI document ({@link com.statalog.webhooks.registry.RegistryApi}), so
 * that a client knows which credential a route takes; a resource names it with
 * {@code @SecurityRequirement} beside its {@code @RolesAllowed}.
 */
public final class Roles {

    public static final String OPERATOR = "operator";
    public static final String SERVICE = "service";
    public static final String ACCOUNT = "account";

    /** The OpenAPI security scheme of each role's credential. */
    public static final String OPERATOR_TOKEN = "operator_token";
    public static final String SERVICE_TOKEN = "service_token";
    public static final String ACCOUNT_API_KEY = "account_api_key";

    private Roles() {
    }
}
