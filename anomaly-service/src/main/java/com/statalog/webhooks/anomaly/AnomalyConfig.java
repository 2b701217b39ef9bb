package com.statalog.webhooks.anomaly;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every {@code statalog.*} key of the anomaly service; each one is also an environment variable (STATALOG_...). */
@ConfigMapping(prefix = "statalog")
public interface AnomalyConfig {

    /** Guards the operator API, the same token as the registry's. No default: the service refuses to start without it. */
    String operatorToken();

    Topics topics();

    Anomaly anomaly();

    interface Anomaly {
        /**
         * How long after its midnight (UTC) a day is due for evaluation: pageviews published a little
         * late still count. 15 minutes: yesterday is evaluated at 00:15.
         */
        @WithDefault("15m")
        java.time.Duration evaluateAfter();

        /**
         * How often due days without a completed evaluation are looked for: the nightly run, the
         * catch-up after downtime and the retry of a failed run are all this one check (Quarkus
         * {@code every}; {@code off} disables it).
         */
        @WithDefault("1m")
        String checkEvery();

        /** Days due and not yet evaluated within this many days before today are evaluated (the catch-up window). */
        @WithDefault("7")
        int catchUpDays();

        /** The rolling average covers this many days before yesterday (the spec: 30). */
        @WithDefault("30")
        int historyDays();

        /** Fewer days with a total in that window: too little history, no event. */
        @WithDefault("7")
        int minHistoryDays();
    }

    interface Topics {
        /** Where traffic.spike and traffic.drop events go, for the dispatcher. */
        String events();

        /** The registry's configuration: sites and webhooks, for the traffic subscriptions. */
        String webhookConfig();

        /** Input contract: pageviews from the tracking service. */
        String pageviews();

        /** Where records of {@link #pageviews()} that fail validation go, with the reason in a header. */
        String pageviewsDeadLetter();
    }
}
