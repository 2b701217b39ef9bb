package com.statalog.webhooks.registry.delivery;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

import com.statalog.webhooks.registry.RegistryConfig;

/**
 * Deletes deliveries older than {@code statalog.delivery-log.retention} (30 days), a batch per
 * transaction so that no lock is held long; on every replica, harmlessly (a row is deleted once).
 */
@ApplicationScoped
public class DeliveryRetention {

    private static final Logger LOG = Logger.getLogger(DeliveryRetention.class);
    private static final int BATCH = 1_000;

    private final EntityManager entityManager;
    private final RegistryConfig config;

    DeliveryRetention(EntityManager entityManager, RegistryConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    @Scheduled(cron = "${statalog.delivery-log.retention-cron}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        long deleted = 0;
        int batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::deleteBatch);
            deleted += batch;
        } while (batch == BATCH);
        if (deleted > 0) {
            LOG.infof("delivery log: %d deliveries older than %s deleted", deleted, config.deliveryLog().retention());
        }
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

    @Transactional(Transactional.TxType.MANDATORY)
    int deleteBatch() {
        return entityManager.createNativeQuery("""
                DELETE FROM delivery WHERE id IN (
                    SELECT id FROM delivery WHERE created_at < now() - make_interval(secs => ?1) LIMIT ?2)
                """).setParameter(1, config.deliveryLog().retention().toSeconds()).setParameter(2, BATCH).executeUpdate();
    }
}
