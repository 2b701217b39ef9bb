package com.statalog.webhooks.dispatcher.intake;

import com.statalog.webhooks.contracts.EventType;

/**
 * A validated record of statalog.events. {@code body} holds the bytes exactly as published: they
 * are what receivers get and what the signature covers, never a re-serialisation. {@code goalId}
 * and {@code goalName} are the conversion's {@code goal} (null when absent), for goal filters.
 */
public record InboundEvent(EventType type, String siteId, Double changePct, Long goalId, String goalName, byte[] body) {
}
