package com.statalog.webhooks.registry.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.registry.auth.CurrentAccount;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.problem.ProblemMappers;
import com.statalog.webhooks.registry.webhook.Page;
import com.statalog.webhooks.registry.webhook.PageCursor;
import com.statalog.webhooks.registry.webhook.Webhook;

/** A webhook's delivery log, newest first, with each delivery's attempts; one delivery opened; the log counted per hour. */
@Path("/api/v1/webhooks/{id}/deliveries")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.ACCOUNT)
@SecurityRequirement(name = Roles.ACCOUNT_API_KEY)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class DeliveryLogResource {

    static final Set<String> STATUSES = Set.of("pending", "retrying", "delivered", "dropped", "cancelled");
    /** The subscribable events, and a Send Test's. */
    static final Set<String> EVENTS = Stream.concat(EventType.wireNames().stream(), Stream.of("test"))
            .collect(Collectors.toUnmodifiableSet());

    private final CurrentAccount account;
    private final DeliveryHistory history;

    DeliveryLogResource(CurrentAccount account, DeliveryHistory history) {
        this.account = account;
        this.history = history;
    }

    @GET
    @APIResponse(responseCode = "200", description = "A page of the webhook's deliveries, newest first")
    @Operation(operationId = "listDeliveries", summary = "List a webhook's deliveries")
    public Page<DeliveryView> list(@PathParam("id") String id,
            @Parameter(description = "Only deliveries in this state: pending, retrying, delivered, dropped or cancelled")
            @QueryParam("status") String status,
            @Parameter(description = "Only deliveries of this event type, or `test` for Send Tests") @QueryParam("event") String event,
            @Parameter(description = Page.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100")) @QueryParam("limit") String limit,
            @Parameter(description = Page.CURSOR) @QueryParam("cursor") String cursor) {
        Webhook webhook = Webhook.owned(account.id(), id);
        if (status != null && !STATUSES.contains(status)) {
            throw InvalidFieldException.badRequest("status", "must be one of " + String.join(", ", STATUSES.stream().sorted().toList()));
        }
        if (event != null && !EVENTS.contains(event)) {
            throw InvalidFieldException.badRequest("event", "must be one of " + String.join(", ", EVENTS.stream().sorted().toList()));
        }
        int pageSize = Page.size(limit);
        PageCursor after = cursor == null ? null : PageCursor.decode(cursor);
        List<DeliveryHistory.DeliveryRow> rows = history.page(webhook.id, webhook.accountId,
                new DeliveryHistory.Filter(status, event, after), pageSize + 1);
        String next = null;
        if (rows.size() > pageSize) {
            rows = rows.subList(0, pageSize);
            DeliveryHistory.DeliveryRow last = rows.get(pageSize - 1);
            next = new PageCursor(last.createdAt(), UUID.fromString(last.id())).encode();
        }
        return new Page<>(rows.stream().map(row -> new DeliveryView(row.id(), row.event(), row.status(), row.test(), row.replays(),
                row.createdAt(), row.attempts())).toList(), next);
    }

    @GET
    @Path("/{delivery_id}")
    @APIResponse(responseCode = "200", description = "The delivery: its payload, and every attempt's request headers and answer")
    @Operation(operationId = "getDelivery", summary = "Open one delivery")
    public DeliveryDetail one(@PathParam("id") String id, @PathParam("delivery_id") String deliveryId) {
        Webhook webhook = Webhook.owned(account.id(), id);
        return DeliveryId.parse(deliveryId).flatMap(delivery -> history.one(webhook.id, webhook.accountId, delivery))
                .orElseThrow(() -> new NotFoundException("no such delivery"));
    }

    @GET
    @Path("/stats")
    @APIResponse(responseCode = "200", description = "Delivered and dropped deliveries per hour over the period")
    @Operation(operationId = "getDeliveryStats", summary = "Count a webhook's ended deliveries per hour")
    public DeliveryStats stats(@PathParam("id") String id,
            @Parameter(description = "The period: `24h` (the default) or `7d`", schema = @Schema(type = SchemaType.STRING, enumeration = { "24h", "7d" }))
            @QueryParam("period") String period) {
        Webhook webhook = Webhook.owned(account.id(), id);
        Duration length = switch (period == null ? "24h" : period) {
            case "24h" -> Duration.ofHours(24);
            case "7d" -> Duration.ofDays(7);
            default -> throw InvalidFieldException.badRequest("period", "must be 24h or 7d");
        };
        Instant since = Instant.now().minus(length).truncatedTo(ChronoUnit.HOURS);
        return new DeliveryStats(since, history.hourly(webhook.id, webhook.accountId, since));
    }
}
