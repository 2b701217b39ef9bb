package com.statalog.webhooks.anomaly.visitors;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.anomaly.auth.OperatorAuthentication;

/** A site's daily visitor totals: read them, or import a day's total (history from elsewhere). */
@Path("/api/v1/sites/{site_id}/daily-visitors")
@Tag(name = "Daily visitors (operator)")
@RolesAllowed(OperatorAuthentication.OPERATOR)
@SecurityRequirement(name = OperatorAuthentication.SCHEME)
public class DailyVisitorsResource {

    static final int MAX_RANGE_DAYS = 366;

    private final VisitorCounter counter;

    DailyVisitorsResource(VisitorCounter counter) {
        this.counter = counter;
    }

    public record ImportedTotal(Long visitors) {
    }

    /**
     * Sets a day's total: an imported total wins over counted pageviews, then and later (pageviews
     * of that day are still recorded, but do not change it).
     */
    @PUT
    @Path("/{date}")
    @Operation(operationId = "importDailyVisitors", summary = "Import a site's visitor total for a day")
    public DailyVisitors importTotal(@PathParam("site_id") String siteId, @PathParam("date") String date, ImportedTotal body)
            throws SQLException {
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (java.time.format.DateTimeParseException e) {
            throw new BadRequestException("date must be YYYY-MM-DD");
        }
        if (body == null || body.visitors() == null || body.visitors() < 0) {
            throw new BadRequestException("visitors must be a whole number, 0 or more");
        }
        counter.importTotal(siteId, day, body.visitors());
        return new DailyVisitors(day, body.visitors());
    }

    /** The stored totals of the days in [from, to], oldest first; days without a total are absent. */
    @GET
    @Operation(operationId = "listDailyVisitors", summary = "List a site's daily visitor totals")
    public List<DailyVisitors> list(@PathParam("site_id") String siteId, @QueryParam("from") LocalDate from,
            @QueryParam("to") LocalDate to) throws SQLException {
        if (from == null || to == null) {
            throw new BadRequestException("from and to are required dates (YYYY-MM-DD)");
        }
        if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) >= MAX_RANGE_DAYS) {
            throw new BadRequestException("from must not be after to, and the range at most " + MAX_RANGE_DAYS + " days");
        }
        return counter.dailyTotals(siteId, from, to);
    }
}
