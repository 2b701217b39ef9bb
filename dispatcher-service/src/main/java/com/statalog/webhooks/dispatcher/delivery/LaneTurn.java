package com.statalog.webhooks.dispatcher.delivery;

/**
 * How an attempt handed to {@link WebhookLanes} ended: made (with its outcome), deferred (its
 * webhook or host would keep it waiting longer than the first retry delay, or its webhook's
 * backlog is full: nothing was sent, the same attempt is to wait in the retry topic), or not
 * wanted any more when its turn came (nothing was sent).
 */
public record LaneTurn(Kind kind, AttemptOutcome outcome) {

    public enum Kind {
        MADE, DEFERRED, UNWANTED
    }

    static final LaneTurn DEFERRED = new LaneTurn(Kind.DEFERRED, null);
    static final LaneTurn UNWANTED = new LaneTurn(Kind.UNWANTED, null);

    static LaneTurn made(AttemptOutcome outcome) {
        return new LaneTurn(Kind.MADE, outcome);
    }
}
