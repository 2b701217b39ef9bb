package com.statalog.webhooks.anomaly;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;

import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.OtlpTestResource;
import com.statalog.webhooks.testkit.PostgresTestResource;

/**
 * The real PostgreSQL database and Kafka broker that every test of this module runs against, and the OTLP receiver
 * its traces go to (a resource of its own would start the application once more for the tests that read them).
 */
@WithTestResource(value = KafkaTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = PostgresTestResource.class, scope = TestResourceScope.GLOBAL, initArgs = @ResourceArg(name = "database", value = "anomaly_test"))
@WithTestResource(value = OtlpTestResource.class, scope = TestResourceScope.GLOBAL)
public final class AnomalyTestInfrastructure {

    private AnomalyTestInfrastructure() {
    }
}
