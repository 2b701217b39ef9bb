package com.statalog.webhooks.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

class RecordTracesTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void aContextWrittenIsReadBackAsTheRemoteParentWithItsState() {
        Headers sent = new RecordHeaders().add("traceparent", bytes(TRACEPARENT)).add("tracestate", bytes("vendor=abc"));

        Context read = RecordTraces.read(sent);
        Headers passedOn = RecordTraces.write(read, new RecordHeaders());

        SpanContext parent = Span.fromContext(read).getSpanContext();
        assertTrue(parent.isRemote());
        assertEquals("00f067aa0ba902b7", parent.getSpanId());
        assertTrue(RecordTraces.sampled(read));
        assertEquals(TRACEPARENT, text(passedOn, "traceparent"));
        assertEquals("vendor=abc", text(passedOn, "tracestate"));
    }

    @Test
    void anUnsampledContextReadsAsNotSampled() {
        Context read = RecordTraces.read(new RecordHeaders().add("traceparent", bytes(TRACEPARENT.replaceAll("01$", "00"))));
        assertTrue(Span.fromContext(read).getSpanContext().isValid());
        assertFalse(RecordTraces.sampled(read));
    }

    @Test
    void noContextOrAnUnreadableOneIsTheRootAndWritesNothing() {
        for (Headers headers : new Headers[] {new RecordHeaders(), new RecordHeaders().add("traceparent", bytes("00-zz-yy-01"))}) {
            Context read = RecordTraces.read(headers);
            assertFalse(Span.fromContext(read).getSpanContext().isValid());
            assertEquals(0, RecordTraces.write(read, new RecordHeaders()).toArray().length);
        }
    }

    @Test
    void aPublishersBaggageDoesNotTravel() {
        Headers sent = new RecordHeaders().add("traceparent", bytes(TRACEPARENT)).add("baggage", bytes("user=alice"));
        assertNull(RecordTraces.write(RecordTraces.read(sent), new RecordHeaders()).lastHeader("baggage"));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(Headers headers, String key) {
        return new String(headers.lastHeader(key).value(), StandardCharsets.US_ASCII);
    }
}
