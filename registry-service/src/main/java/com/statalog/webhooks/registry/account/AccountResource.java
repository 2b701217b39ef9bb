package com.statalog.webhooks.registry.account;

import java.time.Instant;
import java.util.UUID;

import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.ClientErrorException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.registry.auth.OperatorToken;
import com.statalog.webhooks.registry.config.ConfigOutbox;

/** The operator's tenant routes. */
@Path("/api/v1/accounts")
@Tag(name = "Accounts (operator)")
public class AccountResource {

    public record NewAccount(@NotNull @Size(min = 1, max = 100) String name) {
    }

    public record AccountView(UUID id, String name) {
    }

    public record NewSite(@NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}") String siteId) {
    }

    public record SiteView(String siteId, UUID accountId, Instant createdAt) {
    }

    private final OperatorToken operatorToken;
    private final ConfigOutbox outbox;

    AccountResource(OperatorToken operatorToken, ConfigOutbox outbox) {
        this.operatorToken = operatorToken;
        this.outbox = outbox;
    }

    @POST
    @Transactional
    public Response create(@Context HttpHeaders headers, @Valid @NotNull NewAccount body) {
        operatorToken.require(headers);
        Account account = Account.create(body.name());
        return Response.status(Response.Status.CREATED).entity(new AccountView(account.id, account.name)).build();
    }

    @POST
    @Path("/{id}/sites")
    @Transactional
    public Response addSite(@Context HttpHeaders headers, @PathParam("id") UUID accountId, @Valid @NotNull NewSite body) {
        operatorToken.require(headers);
        if (Account.findById(accountId) == null) {
            throw new NotFoundException("no such account");
        }
        if (Site.findById(body.siteId()) != null) {
            throw new ClientErrorException("site_id already belongs to an account", Response.Status.CONFLICT);
        }
        Site site = new Site();
        site.siteId = body.siteId();
        site.accountId = accountId;
        site.createdAt = Instant.now();
        site.persist();
        outbox.siteChanged(site);
        return Response.status(Response.Status.CREATED).entity(new SiteView(site.siteId, site.accountId, site.createdAt)).build();
    }
}
