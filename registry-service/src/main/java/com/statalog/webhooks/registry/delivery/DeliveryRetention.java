package com.statalog.webhooks.registry.delivery;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import com.statalog.webhooks.registry.RegistryConfig;

/**
 * Ends deliveries' time in the log after {@code statalog.delivery-log.retention} (30 days) by
 * dropping whole days ({@link DeliveryPartitions}); on every replica, harmlessly (a day is dropped
 * once). Also forgets replay requests that no longer matter.
 */
@ApplicationScoped
public class DeliveryRetention {

    private final EntityManager entityManager;
    private final DeliveryPartitions partitions;
    private final RegistryConfig config;

    DeliveryRetention(EntityManager entityManager, DeliveryPartitions partitions, RegistryConfig config) {
        this.entityManager = entityManager;
        this.partitions = partitions;
        this.config = config;
    }

    @Scheduled(cron = "${statalog.delivery-log.retention-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        purge(Instant.now());
    }

    /** What the job does at {@code now}. */
    void purge(Instant now) {
        partitions.dropExpired(now);
        QuarkusTransaction.requiringNew().run(this::forgetOldReplayRequests);
    }

    /** Replay requests matter to the rate limit and their Idempotency-Key only for a while. */
    @Transactional(Transactional.TxType.MANDATORY)
    void forgetOldReplayRequests() {
        Duration kept = config.replay().idempotencyKeyTtl().compareTo(config.replay().window()) > 0
                ? config.replay().idempotencyKeyTtl() : config.replay().window();
        entityManager.createNativeQuery("DELETE FROM replay_request WHERE requested_at < now() - make_interval(secs => ?1)")
                .setParameter(1, kept.toSeconds()).executeUpdate();
    }
}
