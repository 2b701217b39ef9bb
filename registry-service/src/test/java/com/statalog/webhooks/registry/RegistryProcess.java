package com.statalog.webhooks.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.statalog.webhooks.local.PostgresServer;
import com.statalog.webhooks.testkit.KafkaBroker;
import com.statalog.webhooks.testkit.ServiceProcess;

/** This module's packaged service as a process (integration tests): replicas of one registry share a database. */
public final class RegistryProcess {

    public static final String OPERATOR = "it-operator-token";

    private RegistryProcess() {
    }

    /** Started on {@code database} with {@code env} (STATALOG_* settings) on top of its connections; its log is target/{@code name}.log. */
    public static ServiceProcess start(KafkaBroker kafka, PostgresServer postgres, String database, Map<String, String> env, String name) {
        Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        all.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.databaseUrl(database));
        all.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        all.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        all.put("STATALOG_OPERATOR_TOKEN", OPERATOR);
        all.put("STATALOG_SERVICE_TOKEN", "it-service-token");
        all.put("STATALOG_SECRET_KEYS", "it=aXQta2V5LWl0LWtleS1pdC1rZXktaXQta2V5LWl0LWs=");
        return ServiceProcess.start(Path.of(System.getProperty("service.jar")), all, List.of(), Path.of("target", name + ".log"),
                Duration.ofSeconds(90));
    }
}
