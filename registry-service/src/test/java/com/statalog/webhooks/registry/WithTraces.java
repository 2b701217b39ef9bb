package com.statalog.webhooks.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.statalog.webhooks.testkit.OtlpTestResource;

/**
 * {@link WithDeliveries}, with the registry and the dispatcher process exporting every trace to the
 * test JVM's OTLP receiver.
 */
public class WithTraces extends WithDeliveries {

    @Override
    public List<TestResourceEntry> testResources() {
        List<TestResourceEntry> resources = new ArrayList<>(super.testResources());
        resources.add(new TestResourceEntry(OtlpTestResource.class));
        return resources;
    }

    @Override
    protected Map<String, String> dispatcher() {
        return Map.of("allow-private", "true", "traced", "true");
    }
}
