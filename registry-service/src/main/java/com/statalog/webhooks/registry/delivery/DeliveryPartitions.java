package com.statalog.webhooks.registry.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

import com.statalog.webhooks.registry.RegistryConfig;

/**
 * The delivery log's daily partitions (UTC days of a delivery's creation time): the days a record
 * may fall in exist before it is written, and a day is dropped whole once all of it is older than
 * the retention — a metadata change, where deleting 864 million rows a day (10 000 deliveries/s)
 * would cost more than writing them. A day is kept until its end is past the retention, so a
 * delivery stays up to a day longer than {@code statalog.delivery-log.retention}.
 */
@ApplicationScoped
public class DeliveryPartitions {

    private static final Logger LOG = Logger.getLogger(DeliveryPartitions.class);
    /** Days ahead made in advance, so that a clock a little ahead or a midnight never waits on DDL. */
    private static final int DAYS_AHEAD = 2;

    private final EntityManager entityManager;
    private final RegistryConfig config;
    /** Days known to exist in this process; a day dropped elsewhere is older than any record accepted. */
    private final Set<LocalDate> made = ConcurrentHashMap.newKeySet();

    DeliveryPartitions(EntityManager entityManager, RegistryConfig config) {
        this.entityManager = entityManager;
        this.config = config;
    }

    void onStart(@Observes StartupEvent start) {
        prepareAhead();
    }

    @Scheduled(every = "1h", delayed = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void prepareAhead() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        for (int ahead = 0; ahead <= DAYS_AHEAD; ahead++) {
            make(today.plusDays(ahead));
        }
    }

    /** Whether a delivery made at this time is still within the retention: older ones are not kept. */
    public boolean retained(Instant createdAt, Instant now) {
        return dayOf(createdAt).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                .isAfter(now.minus(config.deliveryLog().retention()));
    }

    /** Makes the partitions of these creation times' days, if this process has not seen them. */
    public void makeFor(Collection<Instant> createdAts) {
        createdAts.stream().map(DeliveryPartitions::dayOf).distinct().filter(day -> !made.contains(day)).forEach(this::make);
    }

    /** Drops the days wholly older than the retention at {@code now}; returns how many were dropped. */
    public int dropExpired(Instant now) {
        LocalDate firstKept = dayOf(now.minus(config.deliveryLog().retention()));
        @SuppressWarnings("unchecked")
        List<String> expired = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'delivery'::regclass AND c.relname < ?1 ORDER BY c.relname
                """).setParameter(1, partitionName(firstKept)).getResultList());
        for (String partition : expired) {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("DROP TABLE IF EXISTS " + partition)
                    .executeUpdate());
            made.remove(LocalDate.parse(partition.substring("delivery_".length()), DateTimeFormatter.BASIC_ISO_DATE));
            LOG.infof("delivery log: partition %s dropped (older than %s)", partition, config.deliveryLog().retention());
        }
        return expired.size();
    }

    private void make(LocalDate day) {
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("SELECT delivery_partition(?1)")
                .setParameter(1, day).getSingleResult());
        made.add(day);
    }

    static LocalDate dayOf(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** The partition's name: {@code delivery_YYYYMMDD}, as the migration's {@code delivery_partition} names it. */
    static String partitionName(LocalDate day) {
        return "delivery_" + day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
