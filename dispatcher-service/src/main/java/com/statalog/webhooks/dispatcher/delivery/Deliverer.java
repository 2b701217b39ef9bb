package com.statalog.webhooks.dispatcher.delivery;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;

import javax.crypto.SecretKey;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;

import com.statalog.webhooks.contracts.attempt.AttemptRecord;
import com.statalog.webhooks.dispatcher.delivery.DeliveryTraces.AttemptSpan;
import com.statalog.webhooks.dispatcher.retry.RetryHandoff;
import com.statalog.webhooks.dispatcher.signing.Signature;
import com.statalog.webhooks.dispatcher.signing.StandardSignature;
import com.statalog.webhooks.dispatcher.webhook.WebhookConfig;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;

/**
 * Makes one attempt of a delivery with the webhook's configuration as it is now (URL, secret; a
 * disabled or deleted webhook cancels the delivery), records it, and hands a failure to the
 * {@link RetryHandoff}. Completes when the attempt is recorded in Kafka and, after a failure,
 * handed over: only then may its source record be acknowledged. Each attempt made is a client span
 * in the delivery's trace, the parent of its attempt record's and retry record's publish spans.
 */
@ApplicationScoped
public class Deliverer {

    private final WebhookDirectory directory;
    private final GuardedHttpClient http;
    private final WebhookLanes lanes;
    private final AttemptRecorder recorder;
    private final RetryHandoff retries;
    private final DeliveryTraces traces;
    private final String userAgent;
    private final Counter deferred;
    private final Counter relinquished;

    Deliverer(WebhookDirectory directory, GuardedHttpClient http, WebhookLanes lanes, AttemptRecorder recorder,
            RetryHandoff retries, DeliveryTraces traces, MeterRegistry meters,
            @ConfigProperty(name = "quarkus.application.version") String version) {
        this.directory = directory;
        this.http = http;
        this.lanes = lanes;
        this.recorder = recorder;
        this.retries = retries;
        this.traces = traces;
        this.userAgent = "Statalog-Webhooks/" + version;
        this.deferred = Counter.builder("statalog.deliveries.deferred")
                .description("Attempts postponed to the first retry topic: their webhook or host would have kept them waiting longer, or their webhook's backlog was full")
                .register(meters);
        this.relinquished = Counter.builder("statalog.deliveries.relinquished")
                .description("First attempts not made because their partition moved to another replica before they started")
                .register(meters);
    }

    /** An attempt nothing else can take over (a replay), in the trace of {@code trace}. */
    public CompletionStage<DeliveryState> attempt(Delivery delivery, Context trace) {
        return attempt(delivery, trace, () -> true).thenApply(Optional::orElseThrow);
    }

    /**
     * An attempt that is this replica's only while {@code stillOurs}: a first attempt read from a
     * partition of statalog.events that a rebalance may move to another replica, which then reads
     * it again from the last committed offset. If it has moved before the attempt starts, nothing
     * is sent or recorded (it would be sent twice) and the answer is empty.
     */
    public CompletionStage<Optional<DeliveryState>> attempt(Delivery delivery, Context trace, BooleanSupplier stillOurs) {
        if (!stillOurs.getAsBoolean()) {
            return relinquished();
        }
        WebhookConfig webhook = directory.webhook(delivery.webhookId());
        Instant at = Instant.now();
        if (webhook == null || !webhook.enabled()) {
            // no request is made: the record only tells the delivery log why the delivery ended
            return record(delivery, at, AttemptOutcome.none(), DeliveryState.CANCELLED, trace).thenApply(Optional::of);
        }
        // headers and signature are made when the lane starts the attempt, with the secret as it is then (a rotation
        // may land while it is parked): a parked attempt holds only the delivery
        return lanes.run(webhook.id(), webhook.origin(), stillOurs,
                () -> {
                    Map<String, String> headers = headers(delivery, current(webhook));
                    return http.post(webhook.url(), headers, delivery.body()).thenApply(outcome -> outcome.sentWith(headers));
                })
                .thenCompose(turn -> switch (turn.kind()) {
                    case UNWANTED -> relinquished();
                    case DEFERRED -> {
                        deferred.increment();
                        yield retries.defer(delivery, trace).thenApply(handedOver -> Optional.of(DeliveryState.RETRYING));
                    }
                    case MADE -> made(delivery, at, turn.outcome(), traces.attempt(trace, delivery, webhook.url(), turn.outcome()));
                });
    }

    private CompletionStage<Optional<DeliveryState>> made(Delivery delivery, Instant at, AttemptOutcome outcome, AttemptSpan span) {
        // started from a completed stage, so that a hand-over that throws still ends the span
        return CompletableFuture.completedStage(outcome).thenCompose(answer -> answer.delivered()
                ? CompletableFuture.completedFuture(DeliveryState.DELIVERED)
                : retries.handOver(delivery, answer, at, span.context()))
                .thenCompose(state -> record(delivery, at, outcome, state, span.context()))
                .whenComplete((state, failure) -> span.end(state))
                .thenApply(Optional::of);
    }

    private WebhookConfig current(WebhookConfig webhook) {
        WebhookConfig now = directory.webhook(webhook.id());
        return now != null ? now : webhook;
    }

    private CompletionStage<Optional<DeliveryState>> relinquished() {
        relinquished.increment();
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** The spec's headers, and Standard Webhooks' beside them, timestamped when the attempt starts. */
    private Map<String, String> headers(Delivery delivery, WebhookConfig webhook) {
        Map<String, String> headers = new HashMap<>(10);
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("X-Statalog-Event", delivery.event().wireName());
        headers.put("X-Statalog-Delivery", delivery.id());
        headers.put(Signature.HEADER, Signature.of(webhook.signing().statalog(), delivery.body()));
        Instant now = Instant.now();
        List<SecretKey> standardKeys = webhook.standardKeys(now);
        if (!standardKeys.isEmpty()) {
            headers.put(StandardSignature.ID, delivery.id());
            headers.put(StandardSignature.TIMESTAMP, Long.toString(now.getEpochSecond()));
            headers.put(StandardSignature.SIGNATURE,
                    StandardSignature.of(standardKeys, delivery.id(), now.getEpochSecond(), delivery.body()));
        }
        return headers;
    }

    private CompletionStage<DeliveryState> record(Delivery delivery, Instant at, AttemptOutcome outcome, DeliveryState state,
            Context trace) {
        return recorder.record(new AttemptRecord(delivery.id(), delivery.webhookId(), delivery.accountId(),
                delivery.event().wireName(), delivery.siteId(), delivery.replay(), delivery.attempt(), at, outcome.durationMs(),
                outcome.statusCode(), outcome.error(), outcome.responseExcerpt(), state.wireName(),
                state.isFinal() || delivery.attempt() == 1 ? delivery.body() : null, delivery.createdAt(),
                outcome.requestHeaders(), outcome.responseHeaders()), trace)
                .thenApply(recorded -> state);
    }
}
