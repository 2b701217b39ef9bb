package com.statalog.webhooks.registry.auth;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.statalog.webhooks.registry.auth.ApiKeyViews.ApiKeyList;
import com.statalog.webhooks.registry.auth.ApiKeyViews.NewApiKey;
import com.statalog.webhooks.registry.auth.ApiKeyViews.NewApiKeyRequest;
import com.statalog.webhooks.registry.problem.ProblemMappers;

/**
 * An account's own API keys, so that a customer rotates a key without the operator: issue the new
 * one, move to it, revoke the old. A key may revoke itself (its next request is refused).
 */
@Path("/api/v1/api-keys")
@Tag(name = "API keys")
@RolesAllowed(Roles.ACCOUNT)
@SecurityRequirement(name = Roles.ACCOUNT_API_KEY)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class OwnApiKeyResource {

    private final CurrentAccount account;
    private final ApiKeys apiKeys;
    private final ObjectMapper json;

    OwnApiKeyResource(CurrentAccount account, ApiKeys apiKeys, ObjectMapper json) {
        this.account = account;
        this.apiKeys = apiKeys;
        this.json = json;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The account's keys, oldest first, expired ones included")
    @Operation(operationId = "listApiKeys", summary = "List the account's API keys")
    public ApiKeyList list() {
        return ApiKeyList.of(apiKeys.list(account.id()));
    }

    @POST
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The key, shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewApiKey.class)))
    @APIResponse(responseCode = "409", description = "The account has reached its limit of API keys (`limit` names it)")
    @Operation(operationId = "createApiKey", summary = "Create an API key for the account")
    public NewApiKey create(@RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewApiKeyRequest.class))) String body) throws JsonProcessingException {
        return NewApiKey.of(apiKeys.issue(account.id(), NewApiKeyRequest.read(json, body).expiresAt()));
    }

    @DELETE
    @Path("/{key_id}")
    @APIResponse(responseCode = "204", description = "Revoked: the key is refused from the next request on, by every replica")
    @Operation(operationId = "revokeApiKey", summary = "Revoke one of the account's API keys")
    public void revoke(@PathParam("key_id") String keyId) {
        apiKeys.revoke(account.id(), keyId);
    }
}
