package com.statalog.webhooks.anomaly;

import io.smallrye.config.ConfigMapping;

/** Every {@code statalog.*} key of the anomaly service; each one is also an environment variable (STATALOG_...). */
@ConfigMapping(prefix = "statalog")
public interface AnomalyConfig {

    /** Guards the operator API, the same token as the registry's. No default: the service refuses to start without it. */
    String operatorToken();

    Topics topics();

    interface Topics {
        /** Input contract: pageviews from the tracking service. */
        String pageviews();

        /** Where records of {@link #pageviews()} that fail validation go, with the reason in a header. */
        String pageviewsDeadLetter();
    }
}
