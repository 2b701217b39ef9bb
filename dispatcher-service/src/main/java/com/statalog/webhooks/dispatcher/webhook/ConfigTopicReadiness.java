package com.statalog.webhooks.dispatcher.webhook;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only once the configuration topic has been read to its end, and only while it is still
 * being read: before that a replica knows only some webhooks, and would skip the others' deliveries
 * of the events it takes; after its reader has died it would deliver with a configuration that no
 * longer changes. Webhooks refused by the configuration's bounds do not make it unready (the replica
 * delivers for everyone else): they are shown in the data, bounded — how many are refused now, how
 * many accounts have refusals, and the first {@value ConfigRefusals#LISTED_ACCOUNTS} of those
 * accounts (the log names each one once, and metrics count them).
 */
@Readiness
@ApplicationScoped
public class ConfigTopicReadiness implements HealthCheck {

    private final WebhookDirectory directory;
    private final ConfigTopicReader reader;
    private final ConfigRefusals refusals;

    ConfigTopicReadiness(WebhookDirectory directory, ConfigTopicReader reader, ConfigRefusals refusals) {
        this.directory = directory;
        this.reader = reader;
        this.refusals = refusals;
    }

    @Override
    public HealthCheckResponse call() {
        boolean loaded = directory.isCaughtUp();
        boolean failed = reader.failure().isPresent();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("configuration-topic").status(loaded && !failed)
                .withData("state", failed ? "reader ended: " + reader.failure().get().getClass().getSimpleName() : loaded ? "loaded" : "loading");
        ConfigRefusals.Report report = refusals.report();
        response.withData("refused", report.refused());
        if (report.accounts() > 0) {
            response.withData("accounts_over_limits", report.accounts())
                    .withData("accounts_over_limits_first", String.join(",", report.firstAccounts()));
        }
        response.withData("heap_estimated_bytes", directory.heldBytes()).withData("heap_budget_bytes", directory.budgetBytes());
        return response.build();
    }
}
