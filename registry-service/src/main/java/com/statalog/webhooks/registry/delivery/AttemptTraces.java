package com.statalog.webhooks.registry.delivery;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;

import com.statalog.webhooks.contracts.RecordTraces;

/**
 * The delivery log's part of a delivery's trace (docs/tracing.md): an attempt record that belongs to
 * a recorded trace gets a CONSUMER span, child of the dispatcher's publish span, from the moment its
 * batch is read until it is stored. A record outside one gets nothing: the dispatcher sends no
 * context for an unrecorded trace, and the Kafka connector's tracing (off on this channel) would
 * start a trace of its own, at the sampling ratio, for each such record.
 */
@ApplicationScoped
class AttemptTraces {

    private final Tracer tracer;

    /** Quarkus' SDK records every trace for nobody when quarkus.otel.sdk.disabled is set: no span at all then. */
    @Inject
    AttemptTraces(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean disabled) {
        this.tracer = disabled ? TracerProvider.noop().get("disabled") : tracer;
    }

    /** The receive spans of the batch's records that belong to a recorded trace, started now. */
    Received received(ConsumerRecords<String, String> records) {
        List<Span> spans = new ArrayList<>(0);
        for (ConsumerRecord<String, String> record : records) {
            Context sent = RecordTraces.read(record.headers());
            if (RecordTraces.sampled(sent)) {
                spans.add(RecordTraces.receiving(tracer, sent, record.topic()));
            }
        }
        return new Received(spans);
    }

    /** A batch's receive spans, ended once the batch is stored or has failed. */
    record Received(List<Span> spans) {

        void stored() {
            spans.forEach(Span::end);
        }

        void failed(Throwable failure) {
            spans.forEach(span -> span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName()).end());
        }
    }
}
