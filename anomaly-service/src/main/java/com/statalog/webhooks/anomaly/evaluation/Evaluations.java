package com.statalog.webhooks.anomaly.evaluation;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import com.statalog.webhooks.anomaly.AnomalyConfig;

/**
 * When days are evaluated: every night for yesterday (UTC), on start for each missed day of the
 * catch-up window, and when an operator asks. Each run claims, then publishes, then records the
 * day as evaluated; every replica may run it, the ledger keeps the events single.
 */
@ApplicationScoped
public class Evaluations {

    private static final Logger LOG = Logger.getLogger(Evaluations.class);

    public record Result(LocalDate day, int sitesEvaluated, int eventsPublished) {
    }

    private final Evaluator evaluator;
    private final AnomalyPublisher publisher;
    private final DataSource dataSource;
    private final AnomalyConfig config;
    private final Clock clock = Clock.systemUTC();

    Evaluations(Evaluator evaluator, AnomalyPublisher publisher, DataSource dataSource, AnomalyConfig config) {
        this.evaluator = evaluator;
        this.publisher = publisher;
        this.dataSource = dataSource;
        this.config = config;
    }

    @Scheduled(cron = "${statalog.anomaly.cron}", timeZone = "UTC", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void nightly() throws SQLException {
        Result result = run(LocalDate.now(clock).minusDays(1));
        LOG.infof("nightly evaluation of %s: %d sites, %d events", result.day(), result.sitesEvaluated(), result.eventsPublished());
    }

    void catchUp(@Observes StartupEvent start) {
        LocalDate today = LocalDate.now(clock);
        for (LocalDate day = today.minusDays(config.anomaly().catchUpDays()); day.isBefore(today); day = day.plusDays(1)) {
            try {
                if (!completed(day)) {
                    Result result = run(day);
                    LOG.infof("missed evaluation of %s caught up: %d sites, %d events", day, result.sitesEvaluated(),
                            result.eventsPublished());
                }
            } catch (SQLException | RuntimeException e) {
                LOG.warnf("catch-up of %s failed, the next start or the nightly run will retry: %s", day, e.getMessage());
                return;
            }
        }
    }

    /** Evaluates the day now; events already published for it are not published again. */
    public Result run(LocalDate day) throws SQLException {
        Evaluator.Summary summary = evaluator.evaluate(day, Instant.now(clock));
        int published = publisher.publishPending();
        markCompleted(day);
        return new Result(day, summary.sitesEvaluated(), published);
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
