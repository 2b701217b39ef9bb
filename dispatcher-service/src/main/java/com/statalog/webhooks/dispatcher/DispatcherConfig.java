package com.statalog.webhooks.dispatcher;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code statalog.*} key of the dispatcher; each one is also an environment variable (STATALOG_...). */
@ConfigMapping(prefix = "statalog")
public interface DispatcherConfig {

    /** Authenticates our other services on /internal routes; a Kubernetes Secret in production. No default. */
    String serviceToken();

    /**
     * Allows {@code http://}, loopback and private targets, for the local stack and tests. Link-local
     * and cloud metadata addresses stay refused even then. Never in production.
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /**
     * Keys that decrypt signing secrets, {@code id=base64 of 32 bytes}, comma-separated: the same
     * key ring as the registry's (docs/config-topic.md). A Kubernetes Secret in production. No default.
     */
    java.util.List<String> secretKeys();

    Topics topics();

    Events events();

    Delivery delivery();

    /** Bounds on the configuration this replica holds in memory (docs/delivery.md, "Bounded configuration"). */
    ConfigBounds config();

    interface Topics {
        /** Input contract: the events to deliver. */
        String events();

        /** Where records of {@link #events()} that fail validation go, with the reason in a header. */
        String eventsDeadLetter();

        /** The registry's configuration (compacted), read whole by every replica. */
        String webhookConfig();

        /** Every delivery attempt, for the registry's delivery log. */
        String webhookAttempts();

        /** One retry topic per retry delay, in order: the n-th delay's retries wait in the n-th topic. */
        java.util.List<String> deliveryRetries();

        /** Deliveries dropped after their last attempt, self-contained so that they can be replayed. */
        String deliveriesDeadLetter();

        /** Deliveries the registry asks to send again (a replay), each with its body. */
        String webhookReplays();
    }

    interface Delivery {
        /** A 2xx must arrive within this time (the spec's 10 s). */
        @WithDefault("10s")
        java.time.Duration timeout();

        /**
         * Concurrent requests to one webhook (the unit of isolation); more wait, parked, in order. A
         * webhook whose endpoint stopped answering keeps one request running, as a probe.
         */
        @WithDefault("8")
        int maxInFlightPerWebhook();

        /**
         * Concurrent requests to one host (scheme, ASCII host, port) across all its webhooks, from
         * one replica: protection for the receiver, far above one webhook's share and given out in
         * turns between the webhooks waiting for it (docs/delivery.md says why 64).
         */
        @WithDefault("64")
        int maxInFlightPerHost();

        /**
         * Attempts one webhook may hold parked; more of its attempts wait in the first retry topic,
         * so that a single webhook's burst or dead endpoint cannot take all the pending deliveries
         * every other webhook needs. Half the pending bound: a smaller share made a burst cycle
         * through the retry topic for as long as its lane stayed full (docs/delivery.md).
         */
        @WithDefault("5000")
        int maxParkedPerWebhook();

        /** Deliveries accepted but not finished (in flight and parked); beyond it, reading events waits. */
        @WithDefault("10000")
        int maxPending();

        /**
         * How long the URL policy's verdict on a URL (with the addresses it checked) is reused; at
         * most the JVM's own DNS cache time (30 s). 0 checks at every attempt.
         */
        @WithDefault("10s")
        java.time.Duration addressCheckTtl();

        /** Bytes of a response body kept as the attempt's excerpt; the rest is not read. */
        @WithDefault("1024")
        int responseExcerptBytes();

        /**
         * The wait before each retry after a failed attempt (the spec: 60 s, then 120 s); their number
         * is the number of retries.
         */
        @WithDefault("60s,120s")
        java.util.List<java.time.Duration> retryDelays();

        /**
         * The longest a 429 or 503 answer's {@code Retry-After} can postpone the next attempt; it
         * never shortens the scheduled delay.
         */
        @WithDefault("1h")
        java.time.Duration retryAfterMax();
    }

    interface Events {
        /** Largest event accepted, in bytes (the design's 256 KiB). */
        @WithDefault("262144")
        int maxBytes();
    }

    /**
     * What one replica agrees to hold of the configuration topic. Every replica reads the whole topic,
     * so a topic holding more than a heap can take must not stop the dispatcher: a webhook past these
     * bounds is refused (not loaded, reported), and everyone else's is delivered.
     */
    interface ConfigBounds {
        /**
         * Webhooks loaded per account; more of one account's are refused. A backstop behind the
         * registry's own per-account limit: it must stay above the most the registry lets an operator
         * grant one account, or a granted account would lose webhooks here.
         */
        @WithDefault("10000")
        int maxWebhooksPerAccount();

        /**
         * Share of the maximum heap ({@code Runtime.maxMemory()}) the loaded configuration may take,
         * by estimate (WebhookSize); sites and webhooks past it are refused. The rest is for the
         * service itself and the pending deliveries (statalog.delivery.max-pending); see
         * {@link #reservedHeap()}, which wins on a small heap.
         */
        @WithDefault("0.5")
        double maxHeapShare();

        /**
         * Heap the configuration never takes, whatever the share: the service itself (~17 MB
         * measured) and a full pending bound (~42 MB at 10 000 deliveries), with some room to
         * collect. On the local stack's 96 MB heap it, not the share, sets the budget: a full budget
         * and a full pending bound ran that heap out of memory. The budget is never below a tenth of
         * the heap.
         */
        @WithDefault("64M")
        io.quarkus.runtime.configuration.MemorySize reservedHeap();

        /**
         * Share of that budget one account's sites and webhooks may take; more of its webhooks are
         * refused. So that one account, however large its webhooks, cannot spend the budget every
         * other account's webhooks need: filling the budget takes at least 1 / share accounts.
         */
        @WithDefault("0.25")
        double maxAccountShare();
    }
}
