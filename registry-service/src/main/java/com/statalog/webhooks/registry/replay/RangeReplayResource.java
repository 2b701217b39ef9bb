package com.statalog.webhooks.registry.replay;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HeaderParam;
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

import com.fasterxml.jackson.databind.JsonNode;

import com.statalog.webhooks.registry.auth.CurrentAccount;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.problem.ProblemMappers;

/** Sends again every delivery of a webhook that ended with a status in a time range ({@link ReplayRange}). */
@Path("/api/v1/webhooks/{id}/replay")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.ACCOUNT)
@SecurityRequirement(name = Roles.ACCOUNT_API_KEY)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class RangeReplayResource {

    private final CurrentAccount account;
    private final Replays replays;

    RangeReplayResource(CurrentAccount account, Replays replays) {
        this.account = account;
        this.replays = replays;
    }

    @POST
    @ResponseStatus(202)
    @APIResponse(responseCode = "202", description = "The replay, queued",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayAnswer.class)))
    @APIResponse(responseCode = "409", description = "The webhook is disabled")
    @APIResponse(responseCode = "429", description = "The account has replays running at its limit; retry after `Retry-After` seconds")
    @Operation(operationId = "replayDeliveries", summary = "Replay the deliveries of a time range")
    public ReplayAnswer replay(@PathParam("id") String id, @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayRange.class)))
            JsonNode body) {
        ReplayRange range = ReplayRange.parse(body);
        return replays.range(account.id(), id, range, IdempotencyKey.check(idempotencyKey));
    }
}
