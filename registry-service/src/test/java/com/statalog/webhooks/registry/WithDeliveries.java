package com.statalog.webhooks.registry;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.PostgresTestResource;

/**
 * The profile of the end-to-end tests: the registry with the real dispatcher allowed to reach
 * receivers on loopback (DispatcherTestResource), so that deliveries really happen. Test classes
 * sharing it share one application start.
 */
public class WithDeliveries implements QuarkusTestProfile {
    @Override
    public boolean disableGlobalTestResources() {
        return true;
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(KafkaTestResource.class),
                new TestResourceEntry(PostgresTestResource.class, Map.of("database", "registry_test")),
                new TestResourceEntry(DispatcherTestResource.class, dispatcher()));
    }

    /** How the dispatcher process runs (DispatcherTestResource's init arguments). */
    protected Map<String, String> dispatcher() {
        return Map.of("allow-private", "true");
    }
}
