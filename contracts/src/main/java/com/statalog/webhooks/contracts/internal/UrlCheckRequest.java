package com.statalog.webhooks.contracts.internal;

/** {@code POST /internal/v1/url-checks} on the dispatcher (service token): may deliveries go to this URL? */
public record UrlCheckRequest(String url) {
}
