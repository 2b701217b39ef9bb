package com.statalog.webhooks.registry.problem;

/** A request field that is well-formed JSON but not acceptable; answered with {@code status} and the field's name. */
public class InvalidFieldException extends RuntimeException {

    private final int status;
    private final String field;

    public InvalidFieldException(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static InvalidFieldException badRequest(String field, String message) {
        return new InvalidFieldException(400, field, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
