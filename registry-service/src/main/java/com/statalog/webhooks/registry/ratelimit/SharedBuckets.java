package com.statalog.webhooks.registry.ratelimit;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.agroal.api.AgroalDataSource;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Token buckets kept in PostgreSQL (table {@code rate_limit_bucket}, Bucket4j), so that every
 * registry replica draws from the same ones: a limit per replica would multiply with the replicas.
 * A bucket's row expires once it would be full again, so the table holds only the subjects seen
 * within about one window. Each draw is one short transaction of its own (a row lock, one update).
 */
@ApplicationScoped
public class SharedBuckets {

    /** Most expired rows removed per statement, so that one clean-up never holds many locks. */
    private static final int REMOVAL_BATCH = 1000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    SharedBuckets(AgroalDataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /**
     * Takes one request from {@code subject}'s bucket of {@code policy}. Bucket4j commits on its own
     * connection: it never joins (nor may it be called inside) a caller's transaction.
     */
    public Take take(RatePolicy policy, String subject) {
        return QuarkusTransaction.suspendingExisting().call(
                () -> Take.of(policy, buckets.builder().build(policy.key(subject), policy::configuration).tryConsumeAndReturnRemaining(1)));
    }

    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void removeExpired() {
        while (buckets.removeExpired(REMOVAL_BATCH) == REMOVAL_BATCH) {
            // more remain
        }
    }
}
