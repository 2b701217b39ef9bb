package com.statalog.webhooks.registry.problem;

import java.util.List;

import com.statalog.webhooks.contracts.Problem;

/**
 * Request fields that are well-formed JSON but not acceptable; answered with {@code status} and
 * every field's name and problem ({@link FieldErrors} gathers them).
 */
public class InvalidFieldException extends RuntimeException {

    private final int status;
    private final List<Problem.FieldError> errors;

    public InvalidFieldException(int status, String field, String message) {
        this(status, List.of(new Problem.FieldError(field, message)));
    }

    public InvalidFieldException(int status, List<Problem.FieldError> errors) {
        super(errors.get(0).message(), null, false, false);
        this.status = status;
        this.errors = errors;
    }

    public static InvalidFieldException badRequest(String field, String message) {
        return new InvalidFieldException(400, field, message);
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
