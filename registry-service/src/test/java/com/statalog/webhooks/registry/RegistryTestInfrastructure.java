package com.statalog.webhooks.registry;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import com.statalog.webhooks.local.KafkaTestResource;
import com.statalog.webhooks.local.PostgresTestResource;

/** The real PostgreSQL database, Kafka broker and dispatcher that every test of this module runs against. */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(DispatcherTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry_test"))
public final class RegistryTestInfrastructure {

    private RegistryTestInfrastructure() {
    }
}
