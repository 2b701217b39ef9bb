package com.statalog.webhooks.registry;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import com.statalog.webhooks.local.KafkaTestResource;
import com.statalog.webhooks.local.PostgresTestResource;

/**
 * Like {@link WithDeliveries}, with the dispatcher's production deadline of 10 s instead of the
 * tests' 2 s: for what depends on the length of the delivery window itself.
 */
public class WithProductionDeadline implements QuarkusTestProfile {
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class),
                new TestResourceEntry(PostgresTestResource.class, Map.of("database", "registry_test")),
                new TestResourceEntry(DispatcherTestResource.class, Map.of("allow-private", "true", "deadline", "10s")));
    }
}
