package com.statalog.webhooks.dispatcher.intake;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

import com.statalog.webhooks.dispatcher.DispatcherConfig;
import com.statalog.webhooks.dispatcher.delivery.WebhookLanes;

/**
 * Which partitions of statalog.events this replica holds, each under an assignment number that
 * changes when it moves. A record waits in its webhook's lane for as long as its endpoint takes;
 * if a rebalance moves its partition meanwhile, the new owner reads it again from the last
 * committed offset, and sending it here too would only duplicate it (measured: 43 % of a run in
 * which a second replica joined under a backlog). SmallRye calls this listener after its own
 * commit of the revoked partitions, so a record given up here was never counted as processed;
 * it is not acknowledged either (EventConsumer). The opposite case, records already finished
 * beyond that commit (webhooks deliver at their own pace, so a partition's records finish out of
 * order), is handed to the next owner in the commit's metadata ({@link FinishedOffsets}).
 */
@ApplicationScoped
@Identifier(PartitionOwnership.NAME)
public class PartitionOwnership implements KafkaConsumerRebalanceListener {

    static final String NAME = "statalog-events-ownership";
    private static final Logger LOG = Logger.getLogger(PartitionOwnership.class);
    private static final Duration KAFKA_PATIENCE = Duration.ofSeconds(10);
    /** The assignment number of a partition taken away; real ones start at 1. */
    private static final long REVOKED = 0;

    private final Map<TopicPartition, Long> held = new ConcurrentHashMap<>();
    private final AtomicLong assignments = new AtomicLong();
    private final WebhookLanes lanes;
    private final OffsetLedger ledger;
    private final Duration settlePatience;

    @Inject
    PartitionOwnership(WebhookLanes lanes, OffsetLedger ledger, DispatcherConfig config) {
        // an attempt under way ends within its deadline
        this(lanes, ledger, config.delivery().timeout().plusSeconds(1));
    }

    PartitionOwnership(WebhookLanes lanes, OffsetLedger ledger, Duration settlePatience) {
        this.lanes = lanes;
        this.ledger = ledger;
        this.settlePatience = settlePatience;
    }

    /**
     * Records the previous owner finished beyond its committed offset are not delivered again
     * (OffsetLedger). A partition assigned while it is still held here was lost without this
     * listener hearing of it: when a consumer put out of its group wakes, SmallRye's commit of the
     * lost partitions fails before it calls us. Its old records are given up now, as a revocation
     * would have (found by FrozenReplicaIT and a broker restart in KafkaRestartTest).
     */
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        boolean lostUnheard = partitions.stream().map(held::get).anyMatch(assignment -> assignment != null && assignment != REVOKED);
        partitions.forEach(partition -> held.put(partition, assignments.incrementAndGet()));
        if (lostUnheard) {
            giveUpLostElsewhere(consumer, partitions);
            lanes.dropUnwanted();
        }
        if (partitions.isEmpty()) {
            return;
        }
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), KAFKA_PATIENCE);
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata commit = committed.get(partition);
                if (commit == null) {
                    ledger.forget(partition);
                } else {
                    ledger.resume(partition, commit.offset(), commit.metadata());
                }
            }
        } catch (KafkaException unavailable) {
            // without the previous owner's note its finished records are delivered again: duplicates, never a loss
            LOG.warnf("could not read the committed offsets of %s: records finished by their previous owner may be sent again (%s)",
                    partitions, unavailable.toString());
            partitions.forEach(ledger::forget);
        }
    }

    /** The partitions lost unheard that went to another replica: still held here, but neither assigned now nor owned. */
    private void giveUpLostElsewhere(Consumer<?, ?> consumer, Collection<TopicPartition> assigned) {
        Set<TopicPartition> owned = consumer.assignment();
        for (TopicPartition partition : List.copyOf(held.keySet())) {
            if (held.get(partition) != REVOKED && !assigned.contains(partition) && !owned.contains(partition)) {
                held.put(partition, REVOKED);
                ledger.forget(partition);
            }
        }
    }

    /**
     * Also called for partitions lost with the consumer's session: SmallRye's wrapper leaves
     * Kafka's default onPartitionsLost in place, which calls onPartitionsRevoked.
     */
    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> held.put(partition, REVOKED));
        lanes.dropUnwanted();
        if (!partitions.isEmpty()) {
            noteFinishedAhead(consumer, partitions);
        }
        partitions.forEach(ledger::forget);
    }

    /**
     * Lets the attempts under way finish (their records cannot be re-sent by anyone more cheaply),
     * then commits each partition's hand-over: the offset before which everything is finished (more
     * than SmallRye committed when its periodic commit failed during the rebalance, as it does) and
     * the records finished beyond it as metadata. A partition lost rather than given up cannot be
     * committed: its next owner sends those records again, as before.
     */
    private void noteFinishedAhead(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        ledger.awaitSettled(partitions, settlePatience);
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions), KAFKA_PATIENCE);
            Map<TopicPartition, OffsetAndMetadata> handovers = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata commit = committed.get(partition);
                long committedOffset = commit == null ? -1 : commit.offset();
                OffsetLedger.Handover handover = ledger.handover(partition, committedOffset);
                if (handover.offset() > committedOffset || !handover.finishedBeyond().isEmpty()) {
                    handovers.put(partition, new OffsetAndMetadata(handover.offset(),
                            handover.offset() == committedOffset ? commit.leaderEpoch() : Optional.empty(),
                            handover.finishedBeyond().isEmpty() ? null : handover.finishedBeyond().metadata()));
                }
            }
            if (!handovers.isEmpty()) {
                consumer.commitSync(handovers, KAFKA_PATIENCE);
            }
        } catch (KafkaException cannotCommit) {
            LOG.warnf("could not hand over the offsets of %s: their next owner may send finished records again (%s)",
                    partitions, cannotCommit.toString());
        }
    }

    /**
     * True while the partition stays under the assignment it has now. A partition never seen
     * assigned (no rebalance callback yet) is taken as held: at worst a duplicate, never a loss.
     */
    public BooleanSupplier claim(String topic, int partition) {
        TopicPartition key = new TopicPartition(topic, partition);
        Long assignment = held.get(key);
        if (assignment == null) {
            return () -> true;
        }
        return () -> assignment != REVOKED && assignment.equals(held.get(key));
    }
}
