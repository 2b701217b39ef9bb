package com.statalog.webhooks.contracts.internal;

/**
 * The dispatcher's verdict on a URL: it is the only service that connects out, so it owns the
 * egress rules. {@code error} is one of {@code invalid_url}, {@code dns}, {@code blocked_address};
 * null when allowed.
 */
public record UrlCheck(boolean allowed, String error, String reason) {
}
