package com.statalog.webhooks.registry.auth;

import java.util.UUID;

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

import com.statalog.webhooks.registry.account.Account;
import com.statalog.webhooks.registry.auth.ApiKeyViews.ApiKeyList;
import com.statalog.webhooks.registry.auth.ApiKeyViews.NewApiKey;
import com.statalog.webhooks.registry.auth.ApiKeyViews.NewApiKeyRequest;
import com.statalog.webhooks.registry.problem.ProblemMappers;

/** The operator's view of one account's API keys: list, issue (optionally expiring) and revoke. */
@Path("/api/v1/accounts/{id}/api-keys")
@Tag(name = "Accounts")
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = Roles.OPERATOR_TOKEN)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class AccountApiKeyResource {

    private final ApiKeys apiKeys;
    private final ObjectMapper json;

    AccountApiKeyResource(ApiKeys apiKeys, ObjectMapper json) {
        this.apiKeys = apiKeys;
        this.json = json;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The account's keys, oldest first, expired ones included")
    @Operation(operationId = "listAccountApiKeys", summary = "List an account's API keys")
    public ApiKeyList list(@PathParam("id") UUID accountId) {
        Account.require(accountId);
        return ApiKeyList.of(apiKeys.list(accountId));
    }

    /** A new API key of the account; the answer is the only place the key is ever shown. */
    @POST
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The key, shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewApiKey.class)))
    @APIResponse(responseCode = "409", description = "The account has reached its limit of API keys (`limit` names it)")
    @Operation(operationId = "issueApiKey", summary = "Issue an API key for an account")
    public NewApiKey issue(@PathParam("id") UUID accountId, @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = NewApiKeyRequest.class))) String body) throws JsonProcessingException {
        Account.require(accountId);
        return NewApiKey.of(apiKeys.issue(accountId, NewApiKeyRequest.read(json, body).expiresAt()));
    }

    @DELETE
    @Path("/{key_id}")
    @APIResponse(responseCode = "204", description = "Revoked: the key is refused from the next request on, by every replica")
    @Operation(operationId = "revokeAccountApiKey", summary = "Revoke an account's API key")
    public void revoke(@PathParam("id") UUID accountId, @PathParam("key_id") String keyId) {
        Account.require(accountId);
        apiKeys.revoke(accountId, keyId);
    }
}
