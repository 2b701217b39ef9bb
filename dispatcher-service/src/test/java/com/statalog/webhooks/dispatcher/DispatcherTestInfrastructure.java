package com.statalog.webhooks.dispatcher;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import com.statalog.webhooks.testkit.KafkaTestResource;

/** The real Kafka broker that every test of this module runs against. */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
public final class DispatcherTestInfrastructure {

    private DispatcherTestInfrastructure() {
    }
}
