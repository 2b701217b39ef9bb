package com.statalog.webhooks.registry.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.problem.StorableInstants;

/**
 * An opaque position in a list ordered by (created_at, id), either way. It holds no account: the query always
 * filters by the caller's account, so a cursor from another account reveals nothing.
 */
public record PageCursor(Instant createdAt, UUID id) {

    public String encode() {
        long micros = Math.addExact(Math.multiplyExact(createdAt.getEpochSecond(), 1_000_000L), createdAt.getNano() / 1_000);
        return Base64.getUrlEncoder().withoutPadding().encodeToString((micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    public static PageCursor decode(String cursor) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII).split(":", 2);
            long micros = Long.parseLong(parts[0]);
            Instant createdAt = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
            if (StorableInstants.contains(createdAt)) {
                return new PageCursor(createdAt, UUID.fromString(parts[1]));
            }
        } catch (RuntimeException e) {
            // answered below: whatever is wrong with it, it is not ours
        }
        throw InvalidFieldException.badRequest("cursor", "is not a cursor this API returned");
    }
}
