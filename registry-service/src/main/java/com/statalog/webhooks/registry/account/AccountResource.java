package com.statalog.webhooks.registry.account;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.statalog.webhooks.registry.auth.ApiKeys;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.limit.AccountLimits;
import com.statalog.webhooks.registry.limit.LimitedResource;
import com.statalog.webhooks.registry.outbox.Outbox;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.problem.ProblemMappers;

/** The operator's tenant routes. */
@Path("/api/v1/accounts")
@Tag(name = "Accounts")
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = Roles.OPERATOR_TOKEN)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class AccountResource {

    public record NewAccount(String name) {
    }

    public record AccountView(UUID id, String name) {
    }

    public record NewSite(String siteId) {
    }

    private static final Pattern SITE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public record SiteView(String siteId, UUID accountId, Instant createdAt) {

        static SiteView of(Site site) {
            return new SiteView(site.siteId, site.accountId, site.createdAt);
        }
    }

    public record NewApiKey(String key) {
    }

    private final ApiKeys apiKeys;
    private final Outbox outbox;
    private final AccountLimits limits;

    AccountResource(ApiKeys apiKeys, Outbox outbox, AccountLimits limits) {
        this.apiKeys = apiKeys;
        this.outbox = outbox;
        this.limits = limits;
    }

    @POST
    @Transactional
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The account",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AccountView.class)))
    @Operation(operationId = "createAccount", summary = "Create an account")
    public AccountView create(NewAccount body) {
        if (body == null || body.name() == null || body.name().isBlank() || body.name().length() > 100) {
            throw InvalidFieldException.badRequest("name", "is required, 1 to 100 characters");
        }
        Account account = Account.create(body.name());
        return new AccountView(account.id, account.name);
    }

    @POST
    @Path("/{id}/sites")
    @Transactional
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The site, now the account's",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "409", description = "The site_id already belongs to an account, or the account has reached its limit of sites (`limit` names it)")
    @Operation(operationId = "addSite", summary = "Add a site to an account")
    public SiteView addSite(@PathParam("id") UUID accountId, NewSite body) {
        if (body == null || body.siteId() == null || !SITE_ID.matcher(body.siteId()).matches()) {
            throw InvalidFieldException.badRequest("site_id", "is required: 1 to 64 letters, digits, '_', '.' or '-'");
        }
        requireAccountExists(accountId);
        if (Site.findById(body.siteId()) != null) {
            throw new ClientErrorException("site_id already belongs to an account", Response.Status.CONFLICT);
        }
        limits.requireRoomFor(accountId, LimitedResource.SITES);
        Site site = new Site();
        site.siteId = body.siteId();
        site.accountId = accountId;
        site.createdAt = Instant.now();
        site.persist();
        outbox.siteChanged(site);
        return SiteView.of(site);
    }

    /** A new API key of the account; the answer is the only place the key is ever shown. */
    @POST
    @Path("/{id}/api-keys")
    @Transactional
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The key, shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = NewApiKey.class)))
    @APIResponse(responseCode = "409", description = "The account has reached its limit of API keys (`limit` names it)")
    @Operation(operationId = "issueApiKey", summary = "Issue an API key for an account")
    public NewApiKey issueApiKey(@PathParam("id") UUID accountId) {
        requireAccountExists(accountId);
        limits.requireRoomFor(accountId, LimitedResource.API_KEYS);
        return new NewApiKey(apiKeys.issue(accountId));
    }

    private static void requireAccountExists(UUID accountId) {
        if (Account.findById(accountId) == null) {
            throw new NotFoundException("no such account");
        }
    }
}
