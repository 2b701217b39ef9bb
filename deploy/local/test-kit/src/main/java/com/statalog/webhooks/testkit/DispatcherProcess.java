package com.statalog.webhooks.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packaged dispatcher as a process, for the tests of the services that meet it. Its jar is the
 * system property {@value #JAR_PROPERTY}: the build sets it to the dispatcher's own package in the
 * dispatcher's integration tests, and elsewhere to the declared dependency
 * {@code dispatcher-service:zip:app}, unpacked (the parent POM). Test settings:
 * this test JVM's broker, the test service token and key ring, retries after 1 s and 2 s, a 2 s
 * deadline, tracing off (ServiceProcess).
 */
public final class DispatcherProcess {

    public static final String SERVICE_TOKEN = "test-service-token";
    /** The key ring of the services' %test profiles: the registry seals with "test-new". */
    public static final String TEST_SECRET_KEYS = "test-new=dGVzdC1rZXktbmV3LXRlc3Qta2V5LW5ldy10ZXN0LWs=";

    public static final String JAR_PROPERTY = "dispatcher.jar";

    private DispatcherProcess() {
    }

    /** With {@code allowPrivate}, it may deliver to receivers on loopback; {@code jvmOptions} e.g. a hosts file. */
    public static ServiceProcess start(boolean allowPrivate, List<String> jvmOptions, String logName) {
        return start(KafkaTestResource.bootstrapServers(), allowPrivate, jvmOptions, logName);
    }

    /** The same, on the broker of {@code bootstrapServers} rather than the test JVM's. */
    public static ServiceProcess start(String bootstrapServers, boolean allowPrivate, List<String> jvmOptions, String logName) {
        return start(bootstrapServers, allowPrivate, jvmOptions, logName, Map.of());
    }

    /** The same, with {@code settings} (environment variables) over the tests' ones, e.g. the production deadline. */
    public static ServiceProcess start(String bootstrapServers, boolean allowPrivate, List<String> jvmOptions, String logName,
            Map<String, String> settings) {
        Map<String, String> env = new HashMap<>();
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        env.put("STATALOG_SERVICE_TOKEN", SERVICE_TOKEN);
        env.put("STATALOG_SECRET_KEYS", TEST_SECRET_KEYS);
        env.put("STATALOG_ALLOW_PRIVATE_TARGETS", Boolean.toString(allowPrivate));
        env.put("STATALOG_DELIVERY_RETRY_DELAYS", "1s,2s");
        env.put("STATALOG_DELIVERY_TIMEOUT", "2s");
        env.put("STATALOG_DELIVERY_RETRY_AFTER_MAX", "6s");
        env.putAll(settings);
        return ServiceProcess.start(jar(), env, jvmOptions, Path.of("target", logName + ".log"), Duration.ofSeconds(90));
    }

    private static Path jar() {
        String jar = System.getProperty(JAR_PROPERTY);
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            throw new IllegalStateException("no packaged dispatcher at -D" + JAR_PROPERTY + "=" + jar
                    + ": declare dispatcher-service:zip:app as a test dependency, or pass the path of quarkus-run.jar");
        }
        return Path.of(jar);
    }
}
