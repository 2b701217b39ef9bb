package com.statalog.webhooks.registry.problem;

import java.time.Instant;

/**
 * The instants the API accepts: those of an RFC 3339 date-time of our era, years 0001 to 9999.
 * PostgreSQL's {@code timestamptz} stores a wider range (4713 BC to 294276 AD), but an instant it
 * cannot store would reach it as an error the API could only answer with a 500; these bounds are
 * well inside it and inside what the JDBC driver converts without a calendar switch.
 */
public final class StorableInstants {

    static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999Z");

    private StorableInstants() {
    }

    public static boolean contains(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /** The instant itself, or 400 naming {@code field}. */
    public static Instant require(String field, Instant instant) {
        if (!contains(instant)) {
            throw InvalidFieldException.badRequest(field, "must be between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }
}
