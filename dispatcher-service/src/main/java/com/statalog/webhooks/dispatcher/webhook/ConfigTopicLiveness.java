package com.statalog.webhooks.dispatcher.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the configuration topic's reader is: a replica whose reader thread has ended (an
 * Error it cannot read on from) never sees a configuration change again, and nothing but a restart
 * brings it back, so liveness goes DOWN and Kubernetes restarts the pod. A reader stopped at
 * shutdown is not a failure.
 */
@Liveness
@ApplicationScoped
public class ConfigTopicLiveness implements HealthCheck {

    private final ConfigTopicReader reader;

    ConfigTopicLiveness(ConfigTopicReader reader) {
        this.reader = reader;
    }

    @Override
    public HealthCheckResponse call() {
        return reader.failure()
                .map(failure -> HealthCheckResponse.named("configuration-topic-reader").down()
                        .withData("state", "ended: " + failure.getClass().getSimpleName()).build())
                .orElseGet(() -> HealthCheckResponse.named("configuration-topic-reader").up().withData("state", "reading").build());
    }
}
