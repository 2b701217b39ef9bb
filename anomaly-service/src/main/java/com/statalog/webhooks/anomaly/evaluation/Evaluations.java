package com.statalog.webhooks.anomaly.evaluation;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;

import com.statalog.webhooks.anomaly.AnomalyConfig;
import com.statalog.webhooks.anomaly.visitors.PageviewBacklog;

/**
 * When days are evaluated: a day is due {@code evaluate-after} (15 min) after its midnight (UTC),
 * and every {@code check-every} (1 min, and once at start) each due day of the catch-up window
 * without a completed evaluation is evaluated, once the pageviews published until then have been
 * counted ({@link PageviewBacklog}). That one check is the nightly run, the catch-up after
 * downtime (the missed days' pageviews are still in Kafka when the service starts: evaluated
 * before they are counted, they would make a false drop, final once the ledger has it) and the
 * retry of a run that failed. Each run claims, then publishes, then records the day as evaluated;
 * every replica may run it, the ledger keeps the events single. An operator may ask for a day.
 */
@Startup // its gauge exists from the start
@ApplicationScoped
public class Evaluations {

    private static final Logger LOG = Logger.getLogger(Evaluations.class);
    /** How long one check waits for the pageviews published so far to be counted; if not, the next check tries again. */
    private static final Duration COUNTING_PATIENCE = Duration.ofSeconds(30);
    private static final AttributeKey<String> DAY = AttributeKey.stringKey("statalog.evaluation.day");
    private static final AttributeKey<Long> SITES = AttributeKey.longKey("statalog.evaluation.sites");
    private static final AttributeKey<Long> EVENTS = AttributeKey.longKey("statalog.evaluation.events");

    public record Result(LocalDate day, int sitesEvaluated, int eventsPublished) {
    }

    private final Evaluator evaluator;
    private final AnomalyPublisher publisher;
    private final PageviewBacklog pageviews;
    private final DataSource dataSource;
    private final AnomalyConfig config;
    private final Tracer tracer;
    private final Clock clock = Clock.systemUTC();

    Evaluations(Evaluator evaluator, AnomalyPublisher publisher, PageviewBacklog pageviews, DataSource dataSource,
            AnomalyConfig config, Tracer tracer, MeterRegistry meters) {
        this.evaluator = evaluator;
        this.publisher = publisher;
        this.pageviews = pageviews;
        this.dataSource = dataSource;
        this.config = config;
        this.tracer = tracer;
        // read from the ledger every replica shares, so any replica tells whether last night's run happened
        Gauge.builder("statalog.anomaly.last.evaluated.day", this, Evaluations::lastEvaluatedDay).baseUnit("seconds")
                .description("Start (UTC, Unix seconds) of the latest day whose evaluation completed; NaN when none or unknown")
                .register(meters);
    }

    private double lastEvaluatedDay() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT max(day) FROM evaluation_run");
                ResultSet row = select.executeQuery()) {
            Date day = row.next() ? row.getDate(1) : null;
            return day == null ? Double.NaN : day.toLocalDate().atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        } catch (SQLException e) {
            return Double.NaN;
        }
    }

    /** Evaluates every due day of the catch-up window not evaluated yet; a failure is tried again at the next check. */
    @Scheduled(every = "${statalog.anomaly.check-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void evaluateDueDays() throws InterruptedException {
        List<LocalDate> due;
        try {
            due = dueDays(clock.instant());
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("cannot tell which days are due, trying again in %s: %s", config.anomaly().checkEvery(), e.getMessage());
            return;
        }
        if (due.isEmpty()) {
            return;
        }
        if (!pageviews.awaitCounted(COUNTING_PATIENCE)) {
            LOG.infof("%s due, but the pageviews published so far are not all counted yet: evaluated at a later check", due);
            return;
        }
        for (LocalDate day : due) {
            try {
                Result result = run(day);
                LOG.infof("evaluation of %s done: %d sites, %d events", day, result.sitesEvaluated(), result.eventsPublished());
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("evaluation of %s failed, tried again in %s: %s", day, config.anomaly().checkEvery(), e.getMessage());
                return;
            }
        }
    }

    private List<LocalDate> dueDays(Instant now) throws SQLException {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        List<LocalDate> due = new ArrayList<>();
        for (LocalDate day = today.minusDays(config.anomaly().catchUpDays()); day.isBefore(today); day = day.plusDays(1)) {
            Instant dueAt = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(config.anomaly().evaluateAfter());
            if (!now.isBefore(dueAt) && !completed(day)) {
                due.add(day);
            }
        }
        return due;
    }

    /** Evaluates the day now; events already published for it are not published again. */
    public Result run(LocalDate day) throws SQLException {
        // a root span when the nightly check runs it (sampled at the configured ratio); a child of the request's trace when
        // an operator asks, so that a traced request follows the events it publishes through their deliveries
        Span span = tracer.spanBuilder("anomaly evaluation").setAttribute(DAY, day.toString()).startSpan();
        try (Scope current = span.makeCurrent()) {
            Evaluator.Summary summary = evaluator.evaluate(day, Instant.now(clock));
            int published = publisher.publishPending();
            markCompleted(day);
            span.setAttribute(SITES, summary.sitesEvaluated()).setAttribute(EVENTS, published);
            return new Result(day, summary.sitesEvaluated(), published);
        } catch (SQLException | RuntimeException e) {
            span.recordException(e).setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    private boolean completed(LocalDate day) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT 1 FROM evaluation_run WHERE day = ?")) {
            select.setDate(1, Date.valueOf(day));
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        }
    }

    private void markCompleted(LocalDate day) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement("""
                        INSERT INTO evaluation_run (day, completed_at) VALUES (?, now())
                        ON CONFLICT (day) DO UPDATE SET completed_at = EXCLUDED.completed_at""")) {
            upsert.setDate(1, Date.valueOf(day));
            upsert.executeUpdate();
        }
    }
}
