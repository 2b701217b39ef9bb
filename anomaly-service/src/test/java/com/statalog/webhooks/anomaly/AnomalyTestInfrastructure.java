package com.statalog.webhooks.anomaly;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;

import com.statalog.webhooks.local.KafkaTestResource;
import com.statalog.webhooks.local.PostgresTestResource;

/** The real PostgreSQL database and Kafka broker that every test of this module runs against. */
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "anomaly_test"))
public final class AnomalyTestInfrastructure {

    private AnomalyTestInfrastructure() {
    }
}
