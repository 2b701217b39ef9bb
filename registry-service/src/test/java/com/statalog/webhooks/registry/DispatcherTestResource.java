package com.statalog.webhooks.registry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.OtlpReceiver;
import com.statalog.webhooks.testkit.ServiceProcess;

/**
 * The real dispatcher, packaged by its module, as a process: the registry asks it to check target
 * URLs and to send tests as in production, and it delivers. Its name resolution is a hosts file
 * the tests control ({@code jdk.net.hosts.file}), so that names can resolve to public, private or
 * metadata addresses without any DNS. By default production rules apply (no private targets);
 * with the init argument {@code allow-private=true} it may reach receivers on loopback. Retry
 * delays are 1 s and 2 s, the deadline 2 s (DispatcherProcess) unless the init argument
 * {@code deadline} names another (e.g. production's 10s). With {@code traced=true} it exports every
 * trace to the test JVM's {@link OtlpReceiver}. One process at a time: asking for another mode
 * replaces it.
 */
public class DispatcherTestResource implements QuarkusTestResourceLifecycleManager {

    /** Name → addresses the dispatcher sees; every other name does not resolve. */
    public static final String HOSTS = """
            93.184.215.14 hooks.example.com
            93.184.215.15 other.example.com
            10.1.2.3 intranet.example.com
            169.254.169.254 metadata.example.com
            127.0.0.1 loopback.example.com
            100.64.0.1 cgnat.example.com
            93.184.215.14 mixed.example.com
            192.168.1.10 mixed.example.com
            """;

    /** The deadline DispatcherProcess gives the tests' dispatcher; other tests read the log named without it. */
    private static final String TEST_DEADLINE = "2s";

    /** How a dispatcher process was started. */
    private record Mode(boolean allowPrivate, String deadline, boolean traced) {
    }

    /**
     * The running process, its mode and URL, kept JVM-wide in the system properties rather than in static fields: each
     * test profile's application loads this class anew, and with fields each copy started its own dispatcher and left the
     * others running, so a test's event could be delivered by another profile's dispatcher (seen in CI: a permissive one
     * answered a strict test, an untraced one a traced test). The process is known by its pid, which every copy can stop.
     */
    private static final String PID = "testkit.dispatcher.pid";
    private static final String RUNNING_MODE = "testkit.dispatcher.mode";
    private static final String URL = "testkit.dispatcher.url";

    private Mode mode;

    @Override
    public void init(Map<String, String> initArgs) {
        mode = new Mode(Boolean.parseBoolean(initArgs.getOrDefault("allow-private", "false")),
                initArgs.getOrDefault("deadline", TEST_DEADLINE), Boolean.parseBoolean(initArgs.getOrDefault("traced", "false")));
    }

    @Override
    public Map<String, String> start() {
        return Map.of("quarkus.rest-client.dispatcher.url", dispatcher(mode));
    }

    /** The base URL of the running dispatcher. */
    public static String url() {
        return System.getProperty(URL);
    }

    private static String dispatcher(Mode mode) {
        String running = System.getProperty(PID);
        if (running != null && !mode.toString().equals(System.getProperty(RUNNING_MODE))) {
            ServiceProcess.stop(Long.parseLong(running));
            running = null;
        }
        if (running == null) {
            try {
                Path hosts = Files.writeString(Path.of("target", "test-hosts"), HOSTS);
                // names are looked up again after a second, not the JDK's 30 s: tests change the hosts file under it
                List<String> options = new ArrayList<>(
                        List.of("-Djdk.net.hosts.file=" + hosts.toAbsolutePath(), "-Dsun.net.inetaddr.ttl=1"));
                if (mode.traced()) {
                    OtlpReceiver.shared().exportSettings().forEach((key, value) -> options.add("-D" + key + "=" + value));
                }
                ServiceProcess dispatcher = DispatcherProcess.start(KafkaTestResource.bootstrapServers(), mode.allowPrivate(), options,
                        "dispatcher-process-" + (mode.allowPrivate() ? "permissive" : "strict")
                                + (mode.deadline().equals(TEST_DEADLINE) ? "" : "-" + mode.deadline())
                                + (mode.traced() ? "-traced" : ""),
                        Map.of("STATALOG_DELIVERY_TIMEOUT", mode.deadline()));
                System.setProperty(PID, Long.toString(dispatcher.pid()));
                System.setProperty(RUNNING_MODE, mode.toString());
                System.setProperty(URL, dispatcher.url());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return url();
    }

    @Override
    public void stop() {
        // the process lives as long as the test JVM, shared by every test class
    }
}
