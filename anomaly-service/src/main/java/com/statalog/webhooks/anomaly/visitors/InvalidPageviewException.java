package com.statalog.webhooks.anomaly.visitors;

/** Why a pageview record was dead-lettered; the message starts with a short machine-readable kind. */
public class InvalidPageviewException extends RuntimeException {

    public InvalidPageviewException(String reason) {
        super(reason, null, false, false);
    }

    public String kind() {
        return getMessage().substring(0, getMessage().indexOf(':'));
    }
}
