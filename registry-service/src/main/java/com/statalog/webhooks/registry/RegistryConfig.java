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

    Replay replay();

    Signing signing();

    interface Signing {
        /** How long after a rotation the replaced secret is still listed in {@code webhook-signature}. */
        @WithDefault("24h")
        Duration rotationGrace();
    }

    AutoDisable autoDisable();

    Limits limits();

    RateLimits rateLimits();

    /**
     * The API's request rates (docs/security.md, "Rate limits"), shared by every replica: a bucket of
     * {@code *-requests} refilled evenly over {@link #window()}, so a burst of that size is allowed
     * after a quiet window and the sustained rate is that many per window.
     */
    interface RateLimits {
        /** Requests of one account, all of its API keys together: 10 a second on average, bursts of 600. */
        @WithDefault("600")
        int accountRequests();

        /** Requests with the operator token: the operator's tooling and Statalog's own app provisioning accounts. */
        @WithDefault("3000")
        int operatorRequests();

        @WithDefault("1m")
        Duration window();
    }

    /**
     * What one account may hold (docs/security.md, "Limits"). The operator raises or lowers them for
     * one account ({@code PUT /api/v1/accounts/{id}/limits}), up to the ceilings: every dispatcher
     * replica holds every webhook in memory, and it refuses to load an account's webhooks beyond its
     * own {@code statalog.config.max-webhooks-per-account}, which must stay at or above the webhooks ceiling.
     */
    interface Limits {
        /** A webhook for each event type of each site of an account at its default site limit, and then some. */
        @WithDefault("500")
        int webhooksPerAccount();

        /** The sites of a customer's own properties; the account's site list is one page. */
        @WithDefault("100")
        int sitesPerAccount();

        /** One per integration or person, with room to rotate each. */
        @WithDefault("20")
        int apiKeysPerAccount();

        /** The most webhooks an override may grant one account. */
        @WithDefault("10000")
        int maxWebhooksOverride();

        @WithDefault("10000")
        int maxSitesOverride();

        @WithDefault("100")
        int maxApiKeysOverride();
    }

    interface Replay {
        /** Replay requests (of one delivery or of a range) allowed per account within {@link #window()}. */
        @WithDefault("30")
        int maxRequests();

        @WithDefault("1m")
        Duration window();

        /** Most deliveries one range replay sends again; it answers {@code more: true} when more matched. */
        @WithDefault("1000")
        int maxDeliveries();

        /**
         * A replay that no attempt record has answered within this time (its request lost, say to a
         * dispatcher that could not record the attempt) may be asked for again.
         */
        @WithDefault("15m")
        Duration pendingTimeout();

        /** How long an Idempotency-Key is remembered. */
        @WithDefault("24h")
        Duration idempotencyKeyTtl();
    }

    interface AutoDisable {
        /** A webhook whose deliveries have all been dropped for this long is disabled. */
        @WithDefault("5d")
        Duration after();

        /** ... provided at least this many were dropped in that time. */
        @WithDefault("10")
        int minDropped();
    }

    interface DeliveryLog {
        /**
         * Deliveries are kept this long, then dropped a whole UTC day at a time (so up to a day
         * longer); records of deliveries made before it are not written.
         */
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

        /** Send Tests allowed per account, all its webhooks together, within {@link #window()}. */
        @WithDefault("20")
        int maxPerAccount();

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

        /** Deliveries to send again, read by the dispatcher. */
        @WithDefault("statalog.webhook-replays")
        String webhookReplays();

        /** What accounts are told about their webhooks (a webhook disabled, and why). */
        @WithDefault("statalog.account-notifications")
        String accountNotifications();
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
