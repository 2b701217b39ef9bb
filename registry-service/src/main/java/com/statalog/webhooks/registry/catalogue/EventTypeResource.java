package com.statalog.webhooks.registry.catalogue;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.registry.auth.Roles;

/** The event catalogue: what a webhook can subscribe to, and what its endpoint will receive. */
@Path("/api/v1/event-types")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.ACCOUNT)
@SecurityRequirement(name = Roles.ACCOUNT_API_KEY)
public class EventTypeResource {

    /** The answer: every event type, in the spec's order. */
    public record EventTypes(List<EventTypeView> items) {
    }

    private final EventCatalogue catalogue;

    EventTypeResource(EventCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(operationId = "listEventTypes", summary = "List the event types, with each payload's schema and an example")
    public EventTypes list() {
        return new EventTypes(catalogue.types());
    }
}
