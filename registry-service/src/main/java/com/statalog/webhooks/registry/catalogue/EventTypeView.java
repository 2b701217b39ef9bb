package com.statalog.webhooks.registry.catalogue;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One event of the catalogue, as {@code GET /api/v1/event-types} shows it. */
public record EventTypeView(
        @Schema(description = "The event's name, as a webhook's `events` and the payload's `event` give it", example = "goal.converted")
        String type,
        @Schema(description = "When it fires, in the product's words") String description,
        @Schema(description = "The JSON Schema (draft 2020-12) of the payload your endpoint receives; members not listed may be "
                + "added, so ignore the ones you do not know") Map<String, Object> schema,
        @Schema(description = "An example payload: the spec's own for `goal.converted` and `traffic.spike`") Map<String, Object> example) {
}
