package com.statalog.webhooks.dispatcher.replay;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Acknowledgment;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.EventType;
import com.statalog.webhooks.contracts.replay.ReplayRequest;
import com.statalog.webhooks.dispatcher.delivery.Deliverer;
import com.statalog.webhooks.dispatcher.delivery.Delivery;
import com.statalog.webhooks.dispatcher.delivery.DeliveryTraces;
import com.statalog.webhooks.dispatcher.delivery.PendingPermits;
import com.statalog.webhooks.dispatcher.webhook.WebhookConfig;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;

/**
 * Reads the registry's replay requests and makes each one's first attempt through the same lanes,
 * bounds, retries and attempt records as any delivery, many at once (the throttled commit strategy
 * commits offsets in order). A request is acknowledged once its attempt is recorded and a failure
 * handed over; an unusable request is reported, counted and skipped.
 */
@ApplicationScoped
public class ReplayConsumer {

    private static final Logger LOG = Logger.getLogger(ReplayConsumer.class);
    /**
     * The registry accepts replays only for enabled webhooks, and a replay often follows re-enabling
     * at once, faster than the configuration topic brings the change here: a webhook seen disabled
     * is looked at again for up to 5 s before its replay is cancelled.
     */
    private static final int CONFIG_WAIT_STEPS = 50;
    private static final Executor CONFIG_WAIT_STEP = CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS);

    private final Deliverer deliverer;
    private final PendingPermits permits;
    private final WebhookDirectory directory;
    private final DeliveryTraces traces;
    private final ObjectMapper json;
    private final Counter refused;

    ReplayConsumer(Deliverer deliverer, PendingPermits permits, WebhookDirectory directory, DeliveryTraces traces,
            ObjectMapper json, MeterRegistry meters) {
        this.deliverer = deliverer;
        this.permits = permits;
        this.directory = directory;
        this.traces = traces;
        this.json = json;
        this.refused = Counter.builder("statalog.replays.refused").description("Replay requests skipped as unusable")
                .register(meters);
    }

    @Incoming("webhook-replays")
    @Acknowledgment(Acknowledgment.Strategy.MANUAL)
    public CompletionStage<Void> consume(Message<String> message) {
        Delivery delivery;
        try {
            delivery = delivery(json.readValue(message.getPayload(), ReplayRequest.class));
        } catch (Exception e) {
            refused.increment();
            LOG.errorf("unusable replay request skipped: %s", e.getClass().getSimpleName());
            return message.ack();
        }
        // the next request is read as soon as this one holds a permit: one slow endpoint holds only its own lane
        return directory.caughtUp().thenCompose(loaded -> permits.acquire(1)).thenRun(() -> replay(message, delivery));
    }

    /** The delivery a request asks for; an IllegalArgumentException names what makes the request unusable. */
    private static Delivery delivery(ReplayRequest request) {
        if (request.deliveryId() == null || request.webhookId() == null || request.accountId() == null || request.body() == null
                || request.replay() < 1) {
            throw new IllegalArgumentException("delivery_id, webhook_id, account_id, body and a replay number ≥ 1 are required");
        }
        EventType type = EventType.fromWireName(request.event()).orElseThrow(() -> new IllegalArgumentException("unknown event"));
        return Delivery.replayed(request.deliveryId(), request.webhookId(), request.accountId(), type, request.siteId(), request.body(),
                request.replay(), request.createdAt());
    }

    private void replay(Message<String> message, Delivery delivery) {
        enabledOrGivenUp(delivery.webhookId(), CONFIG_WAIT_STEPS)
                .thenCompose(seen -> deliverer.attempt(delivery, trace(message)))
                .whenComplete((state, failure) -> {
                    permits.release(1);
                    if (failure == null) {
                        message.ack();
                    } else {
                        message.nack(failure);
                    }
                });
    }

    private Context trace(Message<String> message) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(source -> traces.started(source.getHeaders(), source.getTopic())).orElse(Context.root());
    }

    private CompletionStage<Void> enabledOrGivenUp(UUID webhookId, int stepsLeft) {
        WebhookConfig webhook = directory.webhook(webhookId);
        if (stepsLeft == 0 || (webhook != null && webhook.enabled())) {
            return CompletableFuture.completedFuture(null);
        }
        return CompletableFuture.supplyAsync(() -> null, CONFIG_WAIT_STEP)
                .thenCompose(waited -> enabledOrGivenUp(webhookId, stepsLeft - 1));
    }
}
