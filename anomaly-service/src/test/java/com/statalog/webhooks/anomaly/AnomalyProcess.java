package com.statalog.webhooks.anomaly;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.statalog.webhooks.local.PostgresServer;
import com.statalog.webhooks.testkit.ServiceProcess;

/** This module's packaged service as a process, on a database of its own, for the integration tests. */
public final class AnomalyProcess {

    public static final String OPERATOR = "it-operator-token";
    private static final Path JAR = Path.of(System.getProperty("service.jar", "target/quarkus-app/quarkus-run.jar"));

    private AnomalyProcess() {
    }

    /** Started with {@code env} (STATALOG_* settings) on top of its connections; its log is target/{@code name}.log. */
    public static ServiceProcess start(String bootstrapServers, PostgresServer postgres, String database, Map<String, String> env,
            String name) {
        Map<String, String> all = new HashMap<>(env);
        all.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        all.put("QUARKUS_DATASOURCE_JDBC_URL", postgres.databaseUrl(database));
        all.put("QUARKUS_DATASOURCE_USERNAME", postgres.user());
        all.put("QUARKUS_DATASOURCE_PASSWORD", postgres.password());
        all.put("STATALOG_OPERATOR_TOKEN", OPERATOR);
        return ServiceProcess.start(JAR, all, List.of(), Path.of("target", name + ".log"), Duration.ofSeconds(90));
    }
}
