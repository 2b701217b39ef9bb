package com.statalog.webhooks.contracts.internal;

/**
 * The dispatcher's verdict on a URL: it is the only service that connects out, so it owns the
 * egress rules. {@code error} is one of {@code invalid_url}, {@code blocked_address} (an address
 * written in the URL) and {@code host_not_public} (a name that does not resolve or resolves to a
 * refused address: an account is not told which); null when allowed.
 */
public record UrlCheck(boolean allowed, String error, String reason) {
}
