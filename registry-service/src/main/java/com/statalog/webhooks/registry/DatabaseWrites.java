package com.statalog.webhooks.registry;

import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.Guard;

/**
 * How a consumer writes what it read ({@code @ApplyGuard(DatabaseWrites.UNTIL_DONE)}), the same
 * way in every service: tried again until it succeeds, 100 ms doubling up to 5 s apart, so that a
 * consumer whose database is down waits (its partition with it) instead of losing what it read.
 * Every failure is tried again, a lost optimistic lock too (docs/beyond-the-spec.md). The log
 * names the failure's class only, since a message can quote the data.
 */
@ApplicationScoped
public class DatabaseWrites {

    public static final String UNTIL_DONE = "database-writes";

    private static final Logger LOG = Logger.getLogger(DatabaseWrites.class);

    @Produces
    @Identifier(UNTIL_DONE)
    static final Guard GUARD = Guard.create()
            .withRetry().maxRetries(-1).maxDuration(0, ChronoUnit.MILLIS).delay(100, ChronoUnit.MILLIS).jitter(0, ChronoUnit.MILLIS)
            .beforeRetry(failure -> LOG.warnf("database write failed (%s), trying again", failure.getClass().getSimpleName()))
            .withExponentialBackoff().factor(2).maxDelay(5, ChronoUnit.SECONDS).done()
            .done().build();
}
