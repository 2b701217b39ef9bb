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

    Topics topics();

    Events events();

    interface Topics {
        /** Input contract: the events to deliver. */
        String events();

        /** Where records of {@link #events()} that fail validation go, with the reason in a header. */
        String eventsDeadLetter();
    }

    interface Events {
        /** Largest event accepted, in bytes (the design's 256 KiB). */
        @WithDefault("262144")
        int maxBytes();
    }
}
