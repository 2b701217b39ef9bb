package com.statalog.webhooks.contracts;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem details body ({@code application/problem+json}): every error answer of every
 * service's REST API (docs/registry-api.md). {@code errors} names each field that was wrong and
 * why; absent when the problem is not about fields. {@code limit} names the limit a create would
 * have gone past and its value for the caller; absent otherwise.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, Limit limit) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String field, String message) {
    }

    public record Limit(String name, long value) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null, null);
    }

    public static Problem invalid(String detail, List<FieldError> errors) {
        return new Problem("about:blank", "Bad Request", 400, detail, errors, null);
    }

    public static Problem limitReached(String detail, Limit limit) {
        return new Problem("about:blank", "Conflict", 409, detail, null, limit);
    }
}
