package com.statalog.webhooks.registry.replay;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.statalog.webhooks.registry.auth.Authenticator;

/** Sends again every delivery of a webhook that ended with a status in a time range ({@link ReplayRange}). */
@Path("/api/v1/webhooks/{id}/replay")
@Tag(name = "Webhooks (account API key)")
public class RangeReplayResource {

    private final Authenticator authenticator;
    private final Replays replays;

    RangeReplayResource(Authenticator authenticator, Replays replays) {
        this.authenticator = authenticator;
        this.replays = replays;
    }

    @POST
    public Response replay(@Context HttpHeaders headers, @PathParam("id") String id,
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey, JsonNode body) {
        var account = authenticator.requireAccount(headers);
        ReplayRange range = ReplayRange.parse(body);
        return Response.accepted(replays.range(account, id, range, IdempotencyKey.check(idempotencyKey))).build();
    }
}
