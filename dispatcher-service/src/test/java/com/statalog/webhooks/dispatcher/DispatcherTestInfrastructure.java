package com.statalog.webhooks.dispatcher;

import io.quarkus.test.common.QuarkusTestResource;

import com.statalog.webhooks.local.KafkaTestResource;

/** The real Kafka broker that every test of this module runs against. */
@QuarkusTestResource(KafkaTestResource.class)
public final class DispatcherTestInfrastructure {

    private DispatcherTestInfrastructure() {
    }
}
