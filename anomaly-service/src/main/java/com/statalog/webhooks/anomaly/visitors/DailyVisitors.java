package com.statalog.webhooks.anomaly.visitors;

import java.time.LocalDate;

/** A site's number of distinct visitors on one UTC day. */
public record DailyVisitors(LocalDate date, long visitors) {
}
