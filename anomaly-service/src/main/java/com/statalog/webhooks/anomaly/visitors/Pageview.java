package com.statalog.webhooks.anomaly.visitors;

import java.time.LocalDate;

/** A valid pageview, reduced to what counting needs: the site, the visitor and the UTC day. */
public record Pageview(String siteId, String visitorId, LocalDate day) {
}
