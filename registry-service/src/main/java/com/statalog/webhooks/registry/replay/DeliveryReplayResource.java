package com.statalog.webhooks.registry.replay;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.registry.auth.Authenticator;

/** Sends one delivery that has ended again, with the same delivery id and a new series of attempts. */
@Path("/api/v1/webhooks/{id}/deliveries/{delivery_id}/replay")
@Tag(name = "Webhooks (account API key)")
public class DeliveryReplayResource {

    private final Authenticator authenticator;
    private final Replays replays;

    DeliveryReplayResource(Authenticator authenticator, Replays replays) {
        this.authenticator = authenticator;
        this.replays = replays;
    }

    @POST
    public Response replay(@Context HttpHeaders headers, @PathParam("id") String id, @PathParam("delivery_id") String deliveryId,
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
        return Response.accepted(replays.one(authenticator.requireAccount(headers), id, deliveryId,
                IdempotencyKey.check(idempotencyKey))).build();
    }
}
