package com.statalog.webhooks.registry.webhook;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.statalog.webhooks.registry.problem.InvalidFieldException;

/** One page of a list; {@code next_cursor} is null on the last page. */
public record Page<T>(List<T> items,
        @Schema(description = "Pass it as `cursor` for the next page; null on the last page", nullable = true) String nextCursor) {

    /** The OpenAPI description of the {@code limit} and {@code cursor} query parameters of every list. */
    public static final String LIMIT = "How many items a page has, 1 to 100; default 50";
    public static final String CURSOR = "The `next_cursor` of the page before; absent for the first page";

    static final int DEFAULT_SIZE = 50;
    static final int MAX_SIZE = 100;

    /** The page size a {@code limit} query parameter asks for: 1 to 100, default 50. */
    public static int size(String limit) {
        if (limit == null) {
            return DEFAULT_SIZE;
        }
        try {
            int size = Integer.parseInt(limit);
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidFieldException.badRequest("limit", "must be a whole number from 1 to " + MAX_SIZE);
    }
}
