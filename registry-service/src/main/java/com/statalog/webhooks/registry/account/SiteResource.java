package com.statalog.webhooks.registry.account;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.panache.common.Sort;

import com.statalog.webhooks.registry.account.AccountResource.SiteView;
import com.statalog.webhooks.registry.auth.CurrentAccount;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.problem.ProblemMappers;

/** The account's own sites: what a webhook's {@code site_id} may name. */
@Path("/api/v1/sites")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.ACCOUNT)
@SecurityRequirement(name = Roles.ACCOUNT_API_KEY)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class SiteResource {

    /** The answer: every site of the account, by id. An account has a handful, so there are no pages. */
    public record Sites(List<SiteView> items) {
    }

    private final CurrentAccount account;

    SiteResource(CurrentAccount account) {
        this.account = account;
    }

    @GET
    @APIResponse(responseCode = "200", description = "The account's sites, by id")
    @Operation(operationId = "listSites", summary = "List the account's sites")
    public Sites list() {
        List<Site> sites = Site.list("accountId", Sort.by("siteId"), account.id());
        return new Sites(sites.stream().map(SiteView::of).toList());
    }
}
