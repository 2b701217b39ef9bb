package com.statalog.webhooks.registry.limit;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Validator;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.problem.FieldErrors;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.problem.ProblemMappers;

/** The operator's view of an account's limits, and the overrides a big customer asks for. */
@Path("/api/v1/accounts/{id}/limits")
@Tag(name = "Accounts")
@RolesAllowed(Roles.OPERATOR)
@SecurityRequirement(name = Roles.OPERATOR_TOKEN)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class AccountLimitResource {

    private static final String OVERRIDE = "The account's own limit, from 0 to the service's ceiling; null or absent: the default";

    /** The whole set of overrides: a field left out goes back to the default. */
    public record LimitOverrides(
            @PositiveOrZero @Schema(description = OVERRIDE, nullable = true, example = "2000") Integer webhooks,
            @PositiveOrZero @Schema(description = OVERRIDE, nullable = true) Integer sites,
            @PositiveOrZero @Schema(description = OVERRIDE, nullable = true) Integer apiKeys) {
    }

    private final AccountLimits limits;
    private final Validator validator;

    AccountLimitResource(AccountLimits limits, Validator validator) {
        this.limits = limits;
        this.validator = validator;
    }

    @GET
    @APIResponse(responseCode = "200", description = "What the account holds and may hold of each limited resource")
    @Operation(operationId = "getAccountLimits", summary = "Get an account's limits and usage")
    public AccountLimits.AccountUsage get(@PathParam("id") UUID accountId) {
        return limits.usage(accountId);
    }

    @PUT
    @APIResponse(responseCode = "200", description = "The account's limits and usage, with the overrides in force")
    @Operation(operationId = "setAccountLimits", summary = "Set an account's own limits")
    public AccountLimits.AccountUsage set(@PathParam("id") UUID accountId, LimitOverrides body) {
        if (body == null) {
            throw InvalidFieldException.badRequest("body", "a JSON object is required");
        }
        FieldErrors errors = new FieldErrors();
        errors.addAll(validator.validate(body));
        requireAtMostCeiling(LimitedResource.WEBHOOKS, body.webhooks(), errors);
        requireAtMostCeiling(LimitedResource.SITES, body.sites(), errors);
        requireAtMostCeiling(LimitedResource.API_KEYS, body.apiKeys(), errors);
        errors.throwIfAny();
        return limits.override(accountId, new AccountLimits.Overrides(body.webhooks(), body.sites(), body.apiKeys()));
    }

    private void requireAtMostCeiling(LimitedResource resource, Integer value, FieldErrors errors) {
        int ceiling = limits.ceiling(resource);
        if (value != null && value > ceiling) {
            errors.add(resource.wireName(), "must be at most " + ceiling + ", the most this service grants one account");
        }
    }
}
