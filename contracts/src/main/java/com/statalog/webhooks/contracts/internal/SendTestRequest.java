package com.statalog.webhooks.contracts.internal;

/** {@code POST /internal/v1/send-test} on the dispatcher (service token): post {"event":"test"}, unsigned, to this URL. */
public record SendTestRequest(String url) {
}
