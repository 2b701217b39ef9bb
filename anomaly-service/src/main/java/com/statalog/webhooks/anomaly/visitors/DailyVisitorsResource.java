package com.statalog.webhooks.anomaly.visitors;

import java.sql.SQLException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.anomaly.auth.OperatorOnly;

/** The operator's view of a site's daily visitor totals. */
@Path("/api/v1/sites/{site_id}/daily-visitors")
@Tag(name = "Daily visitors (operator)")
@OperatorOnly
public class DailyVisitorsResource {

    static final int MAX_RANGE_DAYS = 366;

    private final VisitorCounter counter;

    DailyVisitorsResource(VisitorCounter counter) {
        this.counter = counter;
    }

    /** The stored totals of the days in [from, to], oldest first; days without a total are absent. */
    @GET
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
