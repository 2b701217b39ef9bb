package com.statalog.webhooks.registry.problem;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.ConstraintViolation;

import com.statalog.webhooks.contracts.Problem;

/**
 * The field errors of one request, gathered so that the client hears of all of them in one answer
 * instead of one per attempt: Bean Validation's violations and the checks written by hand alike.
 */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    public void add(String field, String message) {
        errors.add(new Problem.FieldError(field, message));
    }

    /** The violations of a validated request body, each under the JSON name of its field. */
    public void addAll(Set<? extends ConstraintViolation<?>> violations) {
        violations.stream().map(violation -> new Problem.FieldError(jsonName(violation), violation.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message))
                .forEach(errors::add);
    }

    public int count() {
        return errors.size();
    }

    /** Answers 400 with every error gathered, if there is one. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw new InvalidFieldException(400, List.copyOf(errors));
        }
    }

    private static String jsonName(ConstraintViolation<?> violation) {
        // a record component's path is its Java name (spikeThresholdPct); the API's is snake_case
        String path = violation.getPropertyPath().toString().replaceAll("\\[\\d*]\\.<list element>", "");
        return path.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }
}
