package com.statalog.webhooks.dispatcher.delivery;

import java.util.Locale;

/** A delivery's state after an attempt, as the registry's delivery log shows it. */
public enum DeliveryState {
    DELIVERED, RETRYING, DROPPED, CANCELLED;

    /** No attempt follows: the delivery can only be replayed. */
    public boolean isFinal() {
        return this != RETRYING;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
