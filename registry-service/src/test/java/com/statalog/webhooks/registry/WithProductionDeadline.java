package com.statalog.webhooks.registry;

import java.util.Map;

/**
 * Like {@link WithDeliveries}, with the dispatcher's production deadline of 10 s instead of the
 * tests' 2 s: for what depends on the length of the delivery window itself.
 */
public class WithProductionDeadline extends WithDeliveries {
    @Override
    protected Map<String, String> dispatcher() {
        return Map.of("allow-private", "true", "deadline", "10s");
    }
}
