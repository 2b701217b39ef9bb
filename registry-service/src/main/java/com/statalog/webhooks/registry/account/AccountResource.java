package com.statalog.webhooks.registry.account;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.statalog.webhooks.registry.auth.Roles;
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

    private final Sites sites;

    AccountResource(Sites sites) {
        this.sites = sites;
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
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The site, now the account's",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SiteView.class)))
    @APIResponse(responseCode = "409", description = "The site_id already belongs to an account, or the account has reached its limit of sites (`limit` names it)")
    @Operation(operationId = "addSite", summary = "Add a site to an account")
    public SiteView addSite(@PathParam("id") UUID accountId, NewSite body) {
        if (body == null || body.siteId() == null || !SITE_ID.matcher(body.siteId()).matches()) {
            throw InvalidFieldException.badRequest("site_id", "is required: 1 to 64 letters, digits, '_', '.' or '-'");
        }
        return SiteView.of(sites.add(accountId, body.siteId()));
    }

    @DELETE
    @Path("/{id}/sites/{site_id}")
    @APIResponse(responseCode = "204", description = "Removed, with the webhooks bound to it; the account's other webhooks no longer receive its events")
    @Operation(operationId = "removeSite", summary = "Remove a site from an account")
    public void removeSite(@PathParam("id") UUID accountId, @PathParam("site_id") String siteId) {
        sites.remove(accountId, siteId);
    }

}
