package com.statalog.webhooks.contracts;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * A record's part in a trace, alike in every service that carries the context itself rather than
 * through the Kafka connector: the W3C trace context in its {@code traceparent} and
 * {@code tracestate} headers (docs/topics.md), and the spans of its publishing and receiving. Only
 * the trace context travels: a publisher's {@code baggage} is not read, so it does not ride along
 * on every record that follows.
 */
public final class RecordTraces {

    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final TextMapPropagator W3C = W3CTraceContextPropagator.getInstance();
    private static final TextMapGetter<Headers> GET = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            List<String> keys = new ArrayList<>();
            headers.forEach(header -> keys.add(header.key()));
            return keys;
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
    private static final TextMapSetter<Headers> SET = (headers, key, value) -> headers.add(key,
            value.getBytes(StandardCharsets.UTF_8));

    private RecordTraces() {
    }

    /** The context of the span that sent the record, as a remote parent; the root when it carries none or an unreadable one. */
    public static Context read(Headers headers) {
        return W3C.extract(Context.root(), headers, GET);
    }

    /** True when the record belongs to a trace its sender records: only then does a reader add its spans. */
    public static boolean sampled(Context context) {
        return Span.fromContext(context).getSpanContext().isSampled();
    }

    /** The span of a record of {@code topic} received in {@code parent}, started now. */
    public static Span receiving(Tracer tracer, Context parent, String topic) {
        return span(tracer, parent, topic, "receive", SpanKind.CONSUMER);
    }

    /** The span of a record published to {@code topic} in {@code parent}, started now. */
    public static Span publishing(Tracer tracer, Context parent, String topic) {
        return span(tracer, parent, topic, "publish", SpanKind.PRODUCER);
    }

    private static Span span(Tracer tracer, Context parent, String topic, String operation, SpanKind kind) {
        return tracer.spanBuilder(topic + " " + operation).setParent(parent).setSpanKind(kind).setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(DESTINATION, topic).setAttribute(OPERATION, operation).startSpan();
    }

    /** Adds the context's span as the record's sender, to headers that carry none yet. */
    public static Headers write(Context context, Headers headers) {
        W3C.inject(context, headers, SET);
        return headers;
    }
}
