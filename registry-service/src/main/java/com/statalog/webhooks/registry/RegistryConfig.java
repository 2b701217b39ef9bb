package com.statalog.webhooks.registry;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code statalog.*} key of the registry; each one is also an environment variable (STATALOG_...). */
@ConfigMapping(prefix = "statalog")
public interface RegistryConfig {

    /** Guards the tenant routes; a Kubernetes Secret in production. No default: the service refuses to start without it. */
    String operatorToken();

    /** Authenticates our other services on /internal routes; a Kubernetes Secret in production. No default. */
    String serviceToken();

    /**
     * Keys that encrypt signing secrets, {@code id=base64 of 32 bytes}, comma-separated; the first
     * encrypts, all decrypt. A Kubernetes Secret in production. No default.
     */
    java.util.List<String> secretKeys();

    Topics topics();

    Outbox outbox();

    DeliveryLog deliveryLog();

    SendTest sendTest();

    interface DeliveryLog {
        /** Deliveries older than this are deleted from the log. */
        @WithDefault("30d")
        Duration retention();

        /** When the retention job runs (Quarkus cron, seconds first). */
        @WithDefault("0 17 3 * * ?")
        String retentionCron();
    }

    interface SendTest {
        /** Send Tests allowed per webhook within {@link #window()}. */
        @WithDefault("5")
        int maxPerWindow();

        @WithDefault("1m")
        Duration window();
    }

    interface Topics {
        /** Compacted topic the registry publishes its configuration to; the dispatcher materialises it. */
        @WithDefault("statalog.webhook-config")
        String webhookConfig();

        /** The dispatcher's attempt records, read into the delivery log. */
        @WithDefault("statalog.webhook-attempts")
        String webhookAttempts();
    }

    interface Outbox {
        /** How often the outbox relay looks for configuration changes to publish. */
        @WithDefault("1s")
        Duration pollInterval();

        /** Most outbox rows published in one round. */
        @WithDefault("500")
        int batchSize();
    }
}
