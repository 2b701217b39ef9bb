package com.statalog.webhooks.dispatcher.retry;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while no retry topic's consumer has died: one whose loop ended with an Error it could not
 * start over from ({@link RetryTopicConsumer#failure()}) never reads its topic again, so this
 * replica's share of the retries would wait forever; only a restart helps, so liveness goes DOWN
 * and Kubernetes restarts the pod. A consumer that is stalled or stopped on purpose makes the
 * replica unready only ({@link RetryConsumersReadiness}).
 */
@Liveness
@ApplicationScoped
public class RetryConsumersLiveness implements HealthCheck {

    private final RetryConsumers consumers;

    RetryConsumersLiveness(RetryConsumers consumers) {
        this.consumers = consumers;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("retry-consumers-alive").up();
        for (RetryTopicConsumer consumer : consumers.consumers()) {
            consumer.failure().ifPresentOrElse(failure -> response.down().withData(consumer.topic(),
                    "ended: " + failure.getClass().getSimpleName()), () -> response.withData(consumer.topic(), "alive"));
        }
        return response.build();
    }
}
