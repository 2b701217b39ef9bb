package com.statalog.webhooks.registry.delivery;

import java.util.Optional;
import java.util.UUID;

/**
 * Delivery ids are UUIDs in their canonical form. {@link UUID#fromString} also takes short groups
 * ("1-2-3-4-5"), which PostgreSQL refuses: such a text names no delivery, in a request as in an
 * attempt record.
 */
public final class DeliveryId {

    private DeliveryId() {
    }

    /** The id {@code text} spells canonically (any case), or empty. */
    public static Optional<UUID> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(text);
            return id.toString().equalsIgnoreCase(text) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
