package com.statalog.webhooks.anomaly.evaluation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.statalog.webhooks.contracts.KafkaHeaders;

/**
 * Publishes claimed ledger rows to statalog.events and marks them published, under a row lock
 * (FOR UPDATE SKIP LOCKED), so that two replicas never publish the same row. A crash after Kafka
 * acknowledged a row but before it was marked republishes that row, identically, on the next run,
 * with the same identity in its {@code statalog-event-id} header, so its deliveries keep their ids.
 */
@ApplicationScoped
public class AnomalyPublisher {

    private static final int BATCH = 500;

    private final DataSource dataSource;
    private final MutinyEmitter<String> events;
    private final ObjectMapper json;

    // unbounded here: at most one batch waits to be sent
    AnomalyPublisher(DataSource dataSource, @Channel("anomaly-events") @OnOverflow(OnOverflow.Strategy.UNBOUNDED_BUFFER)
            MutinyEmitter<String> events, ObjectMapper json) {
        this.dataSource = dataSource;
        this.events = events;
        this.json = json;
    }

    /** Publishes every unpublished row; answers how many. */
    public int publishPending() throws SQLException {
        int published = 0;
        int batch;
        do {
            batch = publishBatch();
            published += batch;
        } while (batch == BATCH);
        return published;
    }

    private int publishBatch() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                List<Claimed> pending = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement("""
                        SELECT site_id, day, event_type, visitors_yesterday, visitors_average, change_pct, evaluated_at
                        FROM anomaly_ledger WHERE published_at IS NULL
                        ORDER BY evaluated_at LIMIT ? FOR UPDATE SKIP LOCKED""")) {
                    select.setInt(1, BATCH);
                    try (ResultSet rows = select.executeQuery()) {
                        while (rows.next()) {
                            pending.add(new Claimed(rows.getDate(2).toLocalDate(), new AnomalyEvent(rows.getString(3),
                                    rows.getString(1), rows.getLong(4), AnomalyEvent.plain(rows.getBigDecimal(5)),
                                    rows.getBigDecimal(6), rows.getTimestamp(7).toInstant())));
                        }
                    }
                }
                if (pending.isEmpty()) {
                    connection.commit();
                    return 0;
                }
                Uni.join().all(pending.stream().map(this::send).toList()).andFailFast().await().atMost(Duration.ofSeconds(60));
                try (PreparedStatement mark = connection.prepareStatement(
                        "UPDATE anomaly_ledger SET published_at = now() WHERE site_id = ? AND day = ? AND event_type = ?")) {
                    for (Claimed claimed : pending) {
                        mark.setString(1, claimed.event().siteId());
                        mark.setDate(2, java.sql.Date.valueOf(claimed.day()));
                        mark.setString(3, claimed.event().event());
                        mark.addBatch();
                    }
                    mark.executeBatch();
                }
                connection.commit();
                return pending.size();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** A ledger row: the event of one (site, day, type). */
    private record Claimed(LocalDate day, AnomalyEvent event) {

        /** The event's identity, the same whenever the row is published: its delivery ids follow from it. */
        String identity() {
            return event.event() + "/" + event.siteId() + "/" + day;
        }
    }

    private Uni<Void> send(Claimed claimed) {
        String value;
        try {
            value = json.writeValueAsString(claimed.event());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("anomaly event not serialisable", e);
        }
        return events.sendMessage(Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(claimed.event().siteId())
                .withHeaders(new RecordHeaders().add(KafkaHeaders.EVENT_ID, claimed.identity().getBytes(StandardCharsets.US_ASCII)))
                .build())
                // published in the evaluation's trace (the connector's sender runs on another thread): the record carries
                // it to the dispatcher, whose deliveries of the event continue it
                .addMetadata(TracingMetadata.withCurrent(Context.current())));
    }
}
