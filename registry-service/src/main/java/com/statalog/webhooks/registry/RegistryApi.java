package com.statalog.webhooks.registry;

import jakarta.ws.rs.core.Application;

import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.registry.auth.Roles;

/**
 * The registry's REST API as its OpenAPI document introduces it (docs/openapi/registry.json,
 * from which users generate clients): its version is the API's, {@code v1} of the paths, not the
 * build's, so that the document changes only when the API does; and each kind of credential is a
 * bearer scheme of its own, so that a client knows which one a route takes.
 */
@OpenAPIDefinition(
        info = @Info(title = "Statalog Webhooks registry API", version = "1",
                description = "Accounts, sites and API keys (operator); webhooks, their signing secrets, delivery log, "
                        + "Send Test, replays and the event catalogue (an account's API key). Every error is an RFC 9457 "
                        + "problem (`application/problem+json`). JSON members are snake_case."),
        components = @Components(securitySchemes = {
                @SecurityScheme(securitySchemeName = Roles.OPERATOR_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "The operator token (`STATALOG_OPERATOR_TOKEN`): creates accounts, sites and API keys"),
                @SecurityScheme(securitySchemeName = Roles.ACCOUNT_API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "An account's API key, from `POST /api/v1/accounts/{id}/api-keys`: the account's "
                                + "webhooks, deliveries, replays and the event catalogue"),
                @SecurityScheme(securitySchemeName = Roles.SERVICE_TOKEN, type = SecuritySchemeType.HTTP, scheme = "bearer",
                        description = "The token our other services share (`STATALOG_SERVICE_TOKEN`); not for users") }),
        tags = {
                @Tag(name = "Accounts", description = "The operator's: accounts, their sites and API keys (operator token)"),
                @Tag(name = "Webhooks", description = "An account's webhooks, delivery log, Send Test, replays and the event "
                        + "catalogue (the account's API key)"),
                @Tag(name = "Internal", description = "For our other services (service token); not for users") })
public class RegistryApi extends Application {
}
