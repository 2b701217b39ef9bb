package com.statalog.webhooks.dispatcher.intake;

/** Why a record was dead-lettered: a short machine-readable kind and a human-readable reason. */
public class InvalidEventException extends RuntimeException {

    private final String kind;

    public InvalidEventException(String kind, String reason) {
        super(kind + ": " + reason, null, false, false);
        this.kind = kind;
    }

    public String kind() {
        return kind;
    }
}
