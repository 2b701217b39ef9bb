package com.statalog.webhooks.anomaly.evaluation;

import java.sql.SQLException;
import java.time.LocalDate;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.anomaly.auth.OperatorAuthentication;

/** Evaluates a day now, under the same once-per-(site, day, event type) rule as the nightly run. */
@Path("/api/v1/evaluations")
@Tag(name = "Evaluations (operator)")
@RolesAllowed(OperatorAuthentication.OPERATOR)
@SecurityRequirement(name = OperatorAuthentication.SCHEME)
public class EvaluationResource {

    public record EvaluationRequest(LocalDate day) {
    }

    private final Evaluations evaluations;

    EvaluationResource(Evaluations evaluations) {
        this.evaluations = evaluations;
    }

    @POST
    @Operation(operationId = "evaluateSites", summary = "Evaluate sites for traffic spikes and drops now")
    public Evaluations.Result evaluate(EvaluationRequest request) throws SQLException {
        if (request == null || request.day() == null) {
            throw new BadRequestException("day is required (YYYY-MM-DD)");
        }
        if (!request.day().isBefore(LocalDate.now(java.time.ZoneOffset.UTC))) {
            throw new BadRequestException("day must be before today (UTC): its total is not final yet");
        }
        return evaluations.run(request.day());
    }
}
