package com.statalog.webhooks.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One of our services, packaged ({@code target/quarkus-app/quarkus-run.jar}), running as a real
 * process on a free port, its health and metrics on a free management port: how one service's
 * tests meet another service, as in production.
 */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private ServiceProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    /**
     * Starts the jar with {@code env} added to this JVM's environment and {@code jvmOptions}, then
     * waits until {@code /q/health/ready} answers 200.
     */
    public static ServiceProcess start(Path jar, Map<String, String> env, List<String> jvmOptions, Path log, Duration timeout) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build that module first (./mvnw package)");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms64m");
        command.add("-Xmx192m");
        command.add("-XX:+UseSerialGC");
        // as in production: a service out of heap ends rather than limping on with a dead thread (issue 35)
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        // no traces to a collector that is not there (the packaged jar would send them to localhost:4317); a test that
        // reads them turns them on in env or with system properties (OtlpReceiver.exportSettings)
        builder.environment().put("QUARKUS_OTEL_SDK_DISABLED", "true");
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        try {
            Files.createDirectories(log.getParent());
            ServiceProcess service = new ServiceProcess(builder.start(), port, managementPort, log);
            Runtime.getRuntime().addShutdownHook(new Thread(service::close));
            service.awaitReady(timeout);
            return service;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + jar, e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where its health and metrics are (quarkus.management). */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the service exited with " + process.exitValue() + "; see " + log);
            }
            if (ready()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("the service was not ready within " + timeout + "; see " + log);
    }

    /**
     * The sum of the samples at {@code /q/metrics} whose line starts with {@code sample}: a metric's
     * name ({@code jvm_threads_live_threads}) or its name and first labels
     * ({@code jvm_memory_used_bytes{area="heap"}); 0 when none matches.
     */
    public double metric(String sample) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(managementUrl() + "/q/metrics").toURL().openConnection();
            try (var lines = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8)).lines()) {
                return lines.filter(line -> line.startsWith(sample) && line.length() > sample.length()
                        && " {,".indexOf(line.charAt(sample.length())) >= 0)
                        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the metrics of " + managementUrl(), e);
        }
    }

    /** Whether {@code /q/health/ready} answers 200 now. */
    public boolean ready() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(managementUrl() + "/q/health/ready").toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            try {
                return connection.getResponseCode() == 200;
            } finally {
                connection.disconnect();
            }
        } catch (IOException e) {
            return false;
        }
    }

    /** A TCP port that was free a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * SIGSTOP, then SIGCONT after {@code pause}: the process stands still meanwhile, as in a long
     * garbage collection or a frozen virtual machine, and finds the world moved on when it wakes.
     */
    public void freeze(Duration pause) throws InterruptedException {
        signal("STOP");
        try {
            Thread.sleep(pause.toMillis());
        } finally {
            signal("CONT");
        }
    }

    private void signal(String name) throws InterruptedException {
        try {
            int exit = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill -" + name + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL: the process gets no chance to finish anything, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop(process.toHandle());
    }

    /**
     * Stops a service process this JVM started, known only by its pid (one another class loader's copy of a test
     * resource started): asked to end, forced after 20 s. Nothing when it has ended already.
     */
    public static void stop(long pid) {
        ProcessHandle.of(pid).ifPresent(ServiceProcess::stop);
    }

    private static void stop(ProcessHandle process) {
        process.destroy();
        try {
            process.onExit().get(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
        }
    }
}
