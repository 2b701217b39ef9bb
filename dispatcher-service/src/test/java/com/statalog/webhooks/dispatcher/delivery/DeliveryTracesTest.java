package com.statalog.webhooks.dispatcher.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;

import com.statalog.webhooks.contracts.EventType;

/** What a delivery's trace records and carries, with the OpenTelemetry SDK as the service configures it. */
class DeliveryTracesTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SENDER = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private OpenTelemetrySdk sdk;

    @AfterEach
    void close() {
        if (sdk != null) {
            sdk.close();
        }
    }

    @Test
    void aSampledContextFromThePublisherIsContinuedAndCarriedOn() {
        DeliveryTraces traces = traces(Sampler.parentBased(Sampler.traceIdRatioBased(0)));
        Context received = traces.started(context("01"), "statalog.events");

        Headers next = traces.published(received, "statalog.delivery-retry-1");

        List<SpanData> spans = exported.getFinishedSpanItems();
        assertEquals(2, spans.size(), spans.toString());
        SpanData receive = spans.get(0);
        assertEquals(TRACE, receive.getTraceId());
        assertEquals(SENDER, receive.getParentSpanId());
        assertEquals(SpanKind.CONSUMER, receive.getKind());
        SpanData publish = spans.get(1);
        assertEquals(receive.getSpanId(), publish.getParentSpanId());
        assertEquals(SpanKind.PRODUCER, publish.getKind());
        assertEquals("statalog.delivery-retry-1", publish.getAttributes().get(AttributeKey.stringKey("messaging.destination.name")));
        assertEquals("00-" + TRACE + "-" + publish.getSpanId() + "-01", header(next));
    }

    @Test
    void anUnsampledContextMakesNoSpanAndIsNotCarriedOnSinceNoReaderWouldRecordIt() {
        DeliveryTraces traces = traces(Sampler.parentBased(Sampler.alwaysOn()));
        Context received = traces.started(context("00"), "statalog.events");

        Headers next = traces.published(received, "statalog.webhook-attempts");

        assertTrue(exported.getFinishedSpanItems().isEmpty());
        assertEquals(0, next.toArray().length);
    }

    @Test
    void aRecordWithoutAContextStartsATraceAtTheRatioButARetryRecordDoesNot() {
        DeliveryTraces sampled = traces(Sampler.parentBased(Sampler.traceIdRatioBased(1)));
        Context started = sampled.started(new RecordHeaders(), "statalog.events");
        assertTrue(Span.fromContext(started).getSpanContext().isSampled());
        Context retried = sampled.continued(new RecordHeaders(), "statalog.delivery-retry-1");
        assertFalse(Span.fromContext(retried).getSpanContext().isValid());
        assertEquals(0, sampled.published(retried, "statalog.webhook-attempts").toArray().length);
        assertEquals(List.of("statalog.events receive"), exported.getFinishedSpanItems().stream().map(SpanData::getName).toList());
    }

    @Test
    void atRatioZeroARecordWithoutAContextStartsNoTrace() {
        DeliveryTraces never = traces(Sampler.parentBased(Sampler.traceIdRatioBased(0)));
        Context started = never.started(new RecordHeaders(), "statalog.events");
        assertFalse(Span.fromContext(started).getSpanContext().isSampled());
        assertEquals(0, never.published(started, "statalog.delivery-retry-1").toArray().length);
        assertTrue(exported.getFinishedSpanItems().isEmpty());
    }

    @Test
    void anAttemptIsAClientSpanNamingTheEndpointsHostNeverItsPathOrQuery() {
        DeliveryTraces traces = traces(Sampler.parentBased(Sampler.alwaysOn()));
        Context received = traces.started(context("01"), "statalog.events");
        Delivery delivery = Delivery.first("d-1", UUID.randomUUID(), UUID.randomUUID(), EventType.GOAL_CONVERTED, "S1",
                "{}".getBytes(StandardCharsets.UTF_8)).next(new AttemptSummary(1, java.time.Instant.now(), 500, "http_status"));
        AttemptOutcome outcome = new AttemptOutcome(503, AttemptOutcome.HTTP_STATUS, 40, "busy", null, Map.of(), Map.of());

        DeliveryTraces.AttemptSpan attempt = traces.attempt(received, delivery, "https://hooks.example.com/in?token=s3cr3t", outcome);
        attempt.end(DeliveryState.RETRYING);

        SpanData span = exported.getFinishedSpanItems().get(1);
        assertEquals(SpanKind.CLIENT, span.getKind());
        assertEquals(exported.getFinishedSpanItems().get(0).getSpanId(), span.getParentSpanId());
        assertEquals(delivery.webhookId().toString(), span.getAttributes().get(AttributeKey.stringKey("statalog.webhook.id")));
        assertEquals(2L, span.getAttributes().get(AttributeKey.longKey("statalog.delivery.attempt")));
        assertEquals("http_status", span.getAttributes().get(AttributeKey.stringKey("statalog.attempt.outcome")));
        assertEquals("retrying", span.getAttributes().get(AttributeKey.stringKey("statalog.delivery.state")));
        assertEquals(503L, span.getAttributes().get(AttributeKey.longKey("http.response.status_code")));
        assertEquals("hooks.example.com", span.getAttributes().get(AttributeKey.stringKey("server.address")));
        assertEquals(443L, span.getAttributes().get(AttributeKey.longKey("server.port")));
        assertFalse(span.getAttributes().asMap().values().stream().anyMatch(value -> value.toString().contains("s3cr3t")));
        assertEquals(40_000_000L, span.getEndEpochNanos() - span.getStartEpochNanos(), "the request's own duration");
    }

    @Test
    void aUrlThatJavaNetUriCannotReadStillMakesItsSpanWithoutTheEndpoint() {
        DeliveryTraces traces = traces(Sampler.parentBased(Sampler.alwaysOn()));
        Context received = traces.started(context("01"), "statalog.events");
        Delivery delivery = Delivery.first("d-2", UUID.randomUUID(), UUID.randomUUID(), EventType.GOAL_CONVERTED, "S1",
                "{}".getBytes(StandardCharsets.UTF_8));

        traces.attempt(received, delivery, "https://hooks.example.com/a b", new AttemptOutcome(200, null, 5, "", null, Map.of(),
                Map.of())).end(DeliveryState.DELIVERED);

        SpanData span = exported.getFinishedSpanItems().get(1);
        assertEquals("delivered", span.getAttributes().get(AttributeKey.stringKey("statalog.attempt.outcome")));
        assertNull(span.getAttributes().get(AttributeKey.stringKey("server.address")));
    }

    @Test
    void offMakesNoSpanAndCarriesNothingWhateverTheSdkWouldSample() {
        traces(Sampler.alwaysOn());
        DeliveryTraces off = new DeliveryTraces(sdk.getTracer("test"), true);
        Context received = off.started(context("01"), "statalog.events");
        Headers published = off.published(received, "statalog.webhook-attempts");
        assertNull(header(published));
        assertEquals(0, published.toArray().length);
        assertTrue(exported.getFinishedSpanItems().isEmpty());
    }

    @Test
    void onlyTheTraceContextTravelsNotThePublishersBaggage() {
        DeliveryTraces traces = traces(Sampler.parentBased(Sampler.alwaysOn()));
        Headers sent = context("01").add("baggage", "user=alice".getBytes(StandardCharsets.US_ASCII));
        Headers published = traces.published(traces.started(sent, "statalog.events"), "statalog.webhook-attempts");
        assertNull(published.lastHeader("baggage"));
        assertTrue(header(published).startsWith("00-" + TRACE + "-"));
    }

    private DeliveryTraces traces(Sampler sampler) {
        exported.reset();
        sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().setSampler(sampler).addSpanProcessor(SimpleSpanProcessor.create(exported)).build())
                .build();
        return new DeliveryTraces(sdk.getTracer("test"), false);
    }

    private static Headers context(String flags) {
        return new RecordHeaders().add("traceparent", ("00-" + TRACE + "-" + SENDER + "-" + flags).getBytes(StandardCharsets.US_ASCII));
    }

    private static String header(Headers headers) {
        var header = headers.lastHeader("traceparent");
        return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
    }
}
