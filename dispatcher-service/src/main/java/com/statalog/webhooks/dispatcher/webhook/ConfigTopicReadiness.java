package com.statalog.webhooks.dispatcher.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the configuration topic has been read to its end: before that a replica knows
 * only some webhooks, and would skip the others' deliveries of the events it takes.
 */
@Readiness
@ApplicationScoped
public class ConfigTopicReadiness implements HealthCheck {

    private final WebhookDirectory directory;

    ConfigTopicReadiness(WebhookDirectory directory) {
        this.directory = directory;
    }

    @Override
    public HealthCheckResponse call() {
        boolean loaded = directory.isCaughtUp();
        return HealthCheckResponse.named("configuration-topic").status(loaded)
                .withData("state", loaded ? "loaded" : "loading").build();
    }
}
