package com.statalog.webhooks.registry.delivery;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.contracts.Topic;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.registry.WithTraces;
import com.statalog.webhooks.testkit.OtlpReceiver;
import com.statalog.webhooks.testkit.OtlpReceiver.ExportedSpan;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * One W3C trace, from the context a publisher sends with its record to statalog.events, through the
 * dispatcher's first attempt, the retry topic and the second attempt, to the registry reading the
 * attempt record into its log: real services, Kafka, PostgreSQL and receiver, the spans taken from
 * what both services export over OTLP.
 */
@QuarkusTest
@TestProfile(WithTraces.class)
class DeliveryTraceTest {

    private static final Receiver RECEIVER = new Receiver();
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final HexFormat HEX = HexFormat.of();

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void oneTraceJoinsThePublishBothAttemptsTheRetryAndTheLog() {
        Tenant tenant = Api.newTenant();
        RECEIVER.answerInTurn("/traced", 500);
        String webhook = tenant.request().body(Map.of("name", "traced", "url", RECEIVER.url("/traced"),
                "events", List.of("goal.converted"), "site_id", tenant.siteId()))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook);

        String traceId = randomHex(16);
        String publish = randomHex(8);
        TestKafkaClient.send(Topic.EVENTS.topicName(), tenant.siteId(), TestEvents.goal(tenant.siteId()), "traceparent",
                "00-" + traceId + "-" + publish + "-01");
        await().atMost(WITHIN).until(() -> !tenant.request().queryParam("status", "delivered")
                .get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).extract().jsonPath()
                .getList("items").isEmpty());

        OtlpReceiver collector = OtlpReceiver.shared();
        ExportedSpan received = awaitSpan(collector, traceId, span -> span.parentSpanId().equals(publish));
        assertEquals("dispatcher-service", received.service());
        assertEquals("SPAN_KIND_CONSUMER", received.kind());

        ExportedSpan first = awaitSpan(collector, traceId, attempt(1));
        assertEquals(received.spanId(), first.parentSpanId());
        assertEquals("SPAN_KIND_CLIENT", first.kind());
        assertEquals(webhook, first.attribute("statalog.webhook.id"));
        assertEquals("500", first.attribute("http.response.status_code"));
        assertEquals("http_status", first.attribute("statalog.attempt.outcome"));
        assertEquals("retrying", first.attribute("statalog.delivery.state"));

        ExportedSpan retryPublished = awaitSpan(collector, traceId, childOf(first).and(to(Topic.DELIVERY_RETRY_1.topicName())));
        assertEquals("SPAN_KIND_PRODUCER", retryPublished.kind());
        ExportedSpan retryReceived = awaitSpan(collector, traceId, childOf(retryPublished));
        assertEquals("SPAN_KIND_CONSUMER", retryReceived.kind());

        ExportedSpan second = awaitSpan(collector, traceId, attempt(2));
        assertEquals(retryReceived.spanId(), second.parentSpanId());
        assertEquals("delivered", second.attribute("statalog.attempt.outcome"));
        assertEquals("delivered", second.attribute("statalog.delivery.state"));

        ExportedSpan recorded = awaitSpan(collector, traceId, childOf(second).and(to(Topic.WEBHOOK_ATTEMPTS.topicName())));
        ExportedSpan logged = awaitSpan(collector, traceId, childOf(recorded));
        assertEquals("registry-service", logged.service());
        assertEquals("SPAN_KIND_CONSUMER", logged.kind());

        // the trace stays ours: a customer's endpoint gets the spec's headers, no trace context
        RECEIVER.received("/traced").forEach(request -> assertNull(request.header("traceparent")));
        assertEquals(2, RECEIVER.received("/traced").size());
    }

    @Test
    void aDeliveryOutsideARecordedTraceLeavesNoSpanInEitherService() {
        Tenant tenant = Api.newTenant();
        String webhook = tenant.request().body(Map.of("name", "untraced", "url", RECEIVER.url("/untraced"),
                "events", List.of("goal.converted"), "site_id", tenant.siteId()))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook);

        // the publisher's trace is not recorded: both services sample every trace that starts with them (ratio 1), so any
        // span would be one they started on their own
        String traceId = randomHex(16);
        TestKafkaClient.send(Topic.EVENTS.topicName(), tenant.siteId(), TestEvents.goal(tenant.siteId()), "traceparent",
                "00-" + traceId + "-" + randomHex(8) + "-00");
        await().atMost(WITHIN).until(() -> !tenant.request().queryParam("status", "delivered")
                .get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).extract().jsonPath()
                .getList("items").isEmpty());

        OtlpReceiver collector = OtlpReceiver.shared();
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> collector.trace(traceId).isEmpty()
                && collector.spans().stream().noneMatch(span -> span.parentSpanId().isEmpty()
                        && span.name().startsWith(Topic.WEBHOOK_ATTEMPTS.topicName())));
    }

    private static ExportedSpan awaitSpan(OtlpReceiver collector, String traceId, Predicate<ExportedSpan> match) {
        return await().atMost(WITHIN).until(() -> collector.trace(traceId).stream().filter(match).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static Predicate<ExportedSpan> attempt(int number) {
        return span -> Integer.toString(number).equals(span.attribute("statalog.delivery.attempt"));
    }

    private static Predicate<ExportedSpan> childOf(ExportedSpan parent) {
        return span -> span.parentSpanId().equals(parent.spanId());
    }

    private static Predicate<ExportedSpan> to(String topic) {
        return span -> topic.equals(span.attribute("messaging.destination.name"));
    }

    private static String randomHex(int bytes) {
        byte[] id = new byte[bytes];
        new SecureRandom().nextBytes(id);
        return HEX.formatHex(id);
    }
}
