package com.statalog.webhooks.registry.problem;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.hibernate.exception.JDBCConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import com.statalog.webhooks.contracts.Problem;
import com.statalog.webhooks.contracts.internal.BearerToken;
import com.statalog.webhooks.registry.limit.LimitReachedException;

/**
 * Every error of the API as problem details: client errors name the field and the problem, a
 * database outage is a 503, and nothing ever shows a stack trace.
 */
public class ProblemMappers {

    /** What the OpenAPI document says of the 503 every route may answer (each resource declares it). */
    public static final String DATABASE_UNAVAILABLE = "The registry's database is unavailable; retry after `Retry-After` seconds";

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidField(InvalidFieldException e) {
        String detail = e.errors().stream().map(error -> error.field() + ": " + error.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", e.status() == 400 ? "Bad Request" : "Unprocessable Content", e.status(), detail,
                e.errors(), null));
    }

    @ServerExceptionMapper
    public Response limitReached(LimitReachedException e) {
        return respond(Problem.limitReached(e.getMessage() + "; delete one, or ask for a higher limit",
                new Problem.Limit(e.resource().wireName(), e.limit())));
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = e.getPropertyName();
        return respond(Problem.invalid("unknown field " + field, List.of(new Problem.FieldError(field, "unknown field"))));
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonParseException e) {
        return respond(Problem.of(400, "Bad Request", "the body is not valid JSON"));
    }

    /** Quarkus has a mapper of its own for this subtype; ours must be at least as specific to answer problem details. */
    @ServerExceptionMapper
    public Response wrongType(MismatchedInputException e) {
        return wrongShape(e);
    }

    @ServerExceptionMapper
    public Response wrongShape(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(reference -> reference.getFieldName() != null ? reference.getFieldName() : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (field.isEmpty()) {
            return respond(Problem.of(400, "Bad Request", "the body does not have the expected JSON shape"));
        }
        return respond(Problem.invalid(field + ": wrong type or format", List.of(new Problem.FieldError(field, "wrong type or format"))));
    }

    /** No credential on a route that needs one, or one that is nobody's: 401 with the challenge. */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthenticated(RuntimeException e) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, BearerToken.CHALLENGE)
                .entity(Problem.of(401, "Unauthorized", "a valid bearer token is required")).build();
    }

    /** A known credential on a route that is not for it. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(Problem.of(403, "Forbidden", "this credential may not use this route"));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        // Quarkus wraps some body-reading failures; answer them as if they had reached us unwrapped
        if (e.getCause() instanceof JsonParseException parse) {
            return malformedJson(parse);
        }
        if (e.getCause() instanceof JsonMappingException mapping) {
            return wrongShape(mapping);
        }
        Response original = e.getResponse();
        if (original.getEntity() instanceof Problem) {
            return original;
        }
        int status = original.getStatus();
        Response.ResponseBuilder response = Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(Problem.of(status, original.getStatusInfo().getReasonPhrase(), detailOf(e, status)));
        if (status == 401) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, BearerToken.CHALLENGE);
        }
        if (original.getHeaderString(HttpHeaders.RETRY_AFTER) != null) {
            response.header(HttpHeaders.RETRY_AFTER, original.getHeaderString(HttpHeaders.RETRY_AFTER));
        }
        return response.build();
    }

    @ServerExceptionMapper
    public Response databaseUnavailable(JDBCConnectionException e) {
        return unavailable(e);
    }

    @ServerExceptionMapper
    public Response databaseUnavailable(SQLTransientConnectionException e) {
        return unavailable(e);
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        if (causedByConnectionLoss(e)) {
            return unavailable(e);
        }
        if (causedByConcurrentChange(e)) {
            return respond(Problem.of(409, "Conflict", "it was changed at the same moment by something else; retry"));
        }
        LOG.errorf(e, "unexpected error");
        return respond(Problem.of(500, "Internal Server Error", "an unexpected error occurred; it has been logged"));
    }

    private static Response unavailable(Exception e) {
        LOG.warnf("database unavailable: %s", e.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                .entity(Problem.of(503, "Service Unavailable", "the registry's database is unavailable; retry shortly"))
                .build();
    }

    /** An optimistic lock lost: a webhook changed by the delivery log (auto-disable) while this request changed it. */
    private static boolean causedByConcurrentChange(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof jakarta.persistence.OptimisticLockException || cause instanceof org.hibernate.StaleStateException) {
                return true;
            }
        }
        return false;
    }

    /** Connection failures (SQL state class 08) and a server shutting down (57P01-57P03). */
    private static boolean causedByConnectionLoss(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof JDBCConnectionException || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLException sql && (sql.getSQLState() != null
                            && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))
                            || isPoolAcquisitionTimeout(sql))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pool found no connection in time: while PostgreSQL is down its connections hang or fail,
     * and a request that waits for one is as unanswerable as one that got a refused connection.
     * Agroal says so only in the message of a plain SQLException, with no SQL state.
     */
    private static boolean isPoolAcquisitionTimeout(SQLException e) {
        return e.getSQLState() == null && e.getMessage() != null && e.getMessage().startsWith("Acquisition timeout");
    }

    private static String detailOf(WebApplicationException e, int status) {
        return switch (status) {
            case 401 -> "a valid bearer token is required";
            case 403 -> "this credential may not use this route";
            case 404 -> e.getMessage() != null && !e.getMessage().startsWith("HTTP 404") ? e.getMessage() : "not found";
            case 405 -> "method not allowed on this route";
            case 413 -> "the body is too large";
            case 415 -> "the body must be application/json";
            default -> e.getCause() != null ? e.getCause().getMessage() : e.getMessage();
        };
    }

    private static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
