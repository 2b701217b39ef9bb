package com.statalog.webhooks.registry.webhook;

import java.util.List;

/** One page of a list; {@code next_cursor} is null on the last page. */
public record Page<T>(List<T> items, String nextCursor) {
}
