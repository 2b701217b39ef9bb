package com.statalog.webhooks.dispatcher.delivery;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.TracerProvider;
import io.opentelemetry.context.Context;

import com.statalog.webhooks.contracts.RecordTraces;

/**
 * The W3C trace of a delivery: from the record a publisher sent to statalog.events (or a replay
 * request) through each attempt, the retry topics and the attempt records the registry logs, the
 * context carried in each record's {@code traceparent} header ({@link RecordTraces}).
 * <p>
 * The dispatcher carries the context itself rather than through the Kafka connector's tracing,
 * whose instrumenter extracted attributes and started a span for every record, sampled or not.
 * Here a delivery outside a recorded trace costs a sampler decision and nothing else: no span, and
 * no header on the records it leads to, since no reader records anything for an unsampled context
 * (docs/performance.md, "Tracing on and off", measures both). Whether a trace is recorded is decided
 * once, where it starts: a record of statalog.events or a replay request without a context starts
 * one for the share quarkus.otel.traces.sampler.arg; with a context, its sender's choice holds. A
 * retry or attempt record without a context belongs to no recorded trace.
 * <p>
 * An attempt's span names the endpoint's host and port, never its URL's path or query, which may
 * carry the receiver's own credentials.
 */
@ApplicationScoped
public class DeliveryTraces {

    private static final AttributeKey<String> WEBHOOK_ID = AttributeKey.stringKey("statalog.webhook.id");
    private static final AttributeKey<String> DELIVERY_ID = AttributeKey.stringKey("statalog.delivery.id");
    private static final AttributeKey<Long> ATTEMPT = AttributeKey.longKey("statalog.delivery.attempt");
    private static final AttributeKey<Long> REPLAY = AttributeKey.longKey("statalog.delivery.replay");
    private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("statalog.attempt.outcome");
    private static final AttributeKey<String> STATE = AttributeKey.stringKey("statalog.delivery.state");
    private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
    private static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

    private final Tracer tracer;

    /**
     * With quarkus.otel.sdk.disabled, Quarkus still builds an SDK, one that samples every trace and exports nothing: the
     * dispatcher would trace every delivery for nobody, and carry every context on. Off is off here: no span records, so
     * no context is carried either.
     */
    @Inject
    DeliveryTraces(Tracer tracer, @ConfigProperty(name = "quarkus.otel.sdk.disabled", defaultValue = "false") boolean off) {
        this.tracer = off ? TracerProvider.noop().get("off") : tracer;
    }

    /**
     * A record of statalog.events or a replay request, read from {@code topic}: its receive span,
     * child of its sender's context, or the root of a new trace (sampled at the configured ratio);
     * the root context when the trace is not recorded.
     */
    public Context started(Headers headers, String topic) {
        Context sent = RecordTraces.read(headers);
        if (Span.fromContext(sent).getSpanContext().isValid() && !RecordTraces.sampled(sent)) {
            return Context.root();
        }
        return received(sent, topic);
    }

    /** A retry record read from {@code topic}: its receive span, child of the span that published it; none outside a recorded trace. */
    public Context continued(Headers headers, String topic) {
        Context published = RecordTraces.read(headers);
        return RecordTraces.sampled(published) ? received(published, topic) : Context.root();
    }

    private Context received(Context parent, String topic) {
        Span receive = RecordTraces.receiving(tracer, parent, topic);
        if (!receive.isRecording()) {
            return Context.root();
        }
        receive.end();
        return parent.with(receive);
    }

    /**
     * The headers of a record published to {@code topic} in {@code trace}: in a recorded trace, a
     * publish span, which the header names; none outside one.
     */
    public Headers published(Context trace, String topic) {
        RecordHeaders headers = new RecordHeaders();
        if (!RecordTraces.sampled(trace)) {
            return headers;
        }
        Span publish = RecordTraces.publishing(tracer, trace, topic);
        RecordTraces.write(trace.with(publish), headers);
        publish.end();
        return headers;
    }

    /**
     * The client span of an attempt answered just now after its measured duration, in a sampled
     * trace; it is ended by {@link AttemptSpan#end}, once the attempt's fate is known, at the time
     * of the answer. In an unsampled trace no span is made.
     */
    AttemptSpan attempt(Context parent, Delivery delivery, String url, AttemptOutcome outcome) {
        if (!RecordTraces.sampled(parent)) {
            return new AttemptSpan(parent, Span.getInvalid(), null);
        }
        Instant answered = Instant.now();
        Span span = tracer.spanBuilder("POST").setParent(parent).setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(answered.minusMillis(outcome.durationMs())).startSpan();
        endpoint(span, url);
        span.setAttribute(METHOD, "POST").setAttribute(WEBHOOK_ID, delivery.webhookId().toString())
                .setAttribute(DELIVERY_ID, delivery.id()).setAttribute(ATTEMPT, (long) delivery.attempt())
                .setAttribute(REPLAY, (long) delivery.replay())
                .setAttribute(OUTCOME, outcome.delivered() ? "delivered" : outcome.error());
        if (outcome.statusCode() != null) {
            span.setAttribute(STATUS, outcome.statusCode().longValue());
        }
        if (!outcome.delivered()) {
            span.setAttribute(ERROR_TYPE, outcome.statusCode() != null ? outcome.statusCode().toString() : outcome.error());
            span.setStatus(StatusCode.ERROR, outcome.error());
        }
        return new AttemptSpan(parent.with(span), span, answered);
    }

    /** The endpoint's host and port; a URL java.net.URI cannot read (the request was made, so it is rare) names none. */
    private static void endpoint(Span span, String url) {
        try {
            URI endpoint = new URI(url);
            if (endpoint.getHost() != null) {
                span.setAttribute(SERVER_ADDRESS, endpoint.getHost()).setAttribute(SERVER_PORT, (long) port(endpoint));
            }
        } catch (URISyntaxException unreadable) {
            // the span goes without them: tracing never fails a delivery
        }
    }

    private static int port(URI endpoint) {
        if (endpoint.getPort() != -1) {
            return endpoint.getPort();
        }
        return "https".equalsIgnoreCase(endpoint.getScheme()) ? 443 : 80;
    }

    /** An attempt's client span, and the context of what follows from it (its retry record, its attempt record). */
    public record AttemptSpan(Context context, Span span, Instant answered) {

        /** Ends the span with the delivery's state after it; null when the attempt could not be handed over or recorded. */
        void end(DeliveryState state) {
            if (answered == null) {
                return;
            }
            if (state != null) {
                span.setAttribute(STATE, state.wireName());
            } else {
                span.setStatus(StatusCode.ERROR, "not recorded");
            }
            span.end(answered);
        }
    }
}
