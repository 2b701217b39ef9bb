package com.statalog.webhooks.anomaly;

import java.sql.SQLException;
import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * Runs a database write until it succeeds, backing off up to 5 s: a consumer whose database is
 * down waits (its partition with it) instead of losing what it read.
 */
public final class DatabaseRetry {

    private static final Logger LOG = Logger.getLogger(DatabaseRetry.class);
    private static final Duration FIRST = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(5);

    @FunctionalInterface
    public interface Write {
        void run() throws SQLException;
    }

    private DatabaseRetry() {
    }

    public static void untilDone(String what, Write write) throws InterruptedException {
        Duration backoff = FIRST;
        while (true) {
            try {
                write.run();
                return;
            } catch (SQLException e) {
                LOG.warnf("%s not written (SQL state %s), retrying in %d ms", what, e.getSQLState(), backoff.toMillis());
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX) > 0 ? MAX : backoff.multipliedBy(2);
            }
        }
    }
}
