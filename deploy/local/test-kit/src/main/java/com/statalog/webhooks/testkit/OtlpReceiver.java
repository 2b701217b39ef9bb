package com.statalog.webhooks.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

/**
 * An OpenTelemetry collector as far as the tests need one: it takes the spans services export over
 * OTLP/HTTP (protobuf, {@code quarkus.otel.exporter.otlp.traces.protocol=http/protobuf}) and keeps
 * them, so that a test can follow one trace across services and Kafka.
 */
public final class OtlpReceiver implements AutoCloseable {

    /** One exported span: ids as lower-case hex, the parent's empty for a root; values of attributes as text. */
    public record ExportedSpan(String service, String traceId, String spanId, String parentSpanId, String name, String kind,
            Map<String, String> attributes) {

        public String attribute(String key) {
            return attributes.get(key);
        }
    }

    private static final HexFormat HEX = HexFormat.of();
    private static OtlpReceiver shared;

    private final HttpServer server;
    private final boolean keeps;
    private final Queue<ExportedSpan> spans = new ConcurrentLinkedQueue<>();
    private final AtomicLong count = new AtomicLong();

    /** A receiver that keeps every span it is sent. */
    public OtlpReceiver() {
        this(true);
    }

    /** A receiver that decodes and counts what it is sent, as a collector would, and keeps nothing: for benchmarks. */
    public static OtlpReceiver counting() {
        return new OtlpReceiver(false);
    }

    private OtlpReceiver(boolean keeps) {
        this.keeps = keeps;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // daemon threads: a receiver left open (the shared one lives as long as its JVM) must not keep that JVM from ending
        server.setExecutor(Executors.newFixedThreadPool(2, work -> {
            Thread thread = new Thread(work, "otlp-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The receiver of this test JVM, which the services a test starts export to (OtlpTestResource): started on first use. */
    public static synchronized OtlpReceiver shared() {
        if (shared == null) {
            shared = new OtlpReceiver();
        }
        return shared;
    }

    /** The settings that make a Quarkus service export every trace it starts to this receiver, at once. */
    public Map<String, String> exportSettings() {
        return Map.of("quarkus.otel.sdk.disabled", "false",
                "quarkus.otel.traces.sampler.arg", "1",
                "quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf",
                "quarkus.otel.exporter.otlp.traces.endpoint", endpoint(),
                "quarkus.otel.bsp.schedule.delay", "100ms");
    }

    /** The endpoint for {@code quarkus.otel.exporter.otlp.traces.endpoint}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many spans have been exported so far. */
    public long count() {
        return count.get();
    }

    /** Every span exported so far. */
    public List<ExportedSpan> spans() {
        return List.copyOf(spans);
    }

    /** The spans of {@code traceId} exported so far. */
    public List<ExportedSpan> trace(String traceId) {
        return spans.stream().filter(span -> span.traceId().equals(traceId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            boolean gzip = "gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"));
            ExportTraceServiceRequest request;
            try (InputStream body = gzip ? new GZIPInputStream(exchange.getRequestBody()) : exchange.getRequestBody()) {
                request = ExportTraceServiceRequest.parseFrom(body);
            } catch (IOException | RuntimeException unreadable) {
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            keep(request);
            exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            // an empty ExportTraceServiceResponse: every span accepted
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private void keep(ExportTraceServiceRequest request) {
        for (ResourceSpans resource : request.getResourceSpansList()) {
            String service = text(resource.getResource().getAttributesList()).getOrDefault("service.name", "");
            for (ScopeSpans scope : resource.getScopeSpansList()) {
                count.addAndGet(scope.getSpansCount());
                if (!keeps) {
                    continue;
                }
                scope.getSpansList().forEach(span -> spans.add(new ExportedSpan(service, HEX.formatHex(span.getTraceId().toByteArray()),
                        HEX.formatHex(span.getSpanId().toByteArray()), HEX.formatHex(span.getParentSpanId().toByteArray()),
                        span.getName(), span.getKind().name(), text(span.getAttributesList()))));
            }
        }
    }

    private static Map<String, String> text(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, attribute -> text(attribute.getValue()), (a, b) -> b));
    }

    private static String text(AnyValue value) {
        return switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue();
            case INT_VALUE -> Long.toString(value.getIntValue());
            case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
            case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
            default -> value.toString();
        };
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
