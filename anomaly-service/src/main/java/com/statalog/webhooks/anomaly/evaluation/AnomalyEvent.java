package com.statalog.webhooks.anomaly.evaluation;

import java.math.BigDecimal;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** The spec's traffic.spike / traffic.drop payload, fields in the spec's order. */
@JsonPropertyOrder({ "event", "site_id", "visitors_yesterday", "visitors_average", "change_pct", "timestamp" })
public record AnomalyEvent(String event, String siteId, long visitorsYesterday, BigDecimal visitorsAverage, BigDecimal changePct,
        Instant timestamp) {

    /** 2100.0 is written 2100, 2100.5 as it is: the spec shows a whole average as an integer. */
    static BigDecimal plain(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0 ? value.setScale(0) : value;
    }
}
