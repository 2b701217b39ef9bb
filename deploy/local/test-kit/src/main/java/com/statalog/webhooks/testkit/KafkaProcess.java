package com.statalog.webhooks.testkit;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.kafka.common.Uuid;

import com.statalog.webhooks.local.KafkaTopics;

/**
 * A single-node KRaft broker as its own process ({@code kafka.Kafka}, as deploy/local/run.sh runs
 * it), with its data in a directory that outlives the process: a test can stop the broker the way
 * an operator or a crash would, and start it again on the same ports and data.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final Random RANDOM = new Random();

    private final Path directory;
    private final int port;
    private Process process;
    private int starts;

    private KafkaProcess(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** Formats a new broker in a temporary directory, starts it and creates the topics of {@link com.statalog.webhooks.contracts.Topic}. */
    public static KafkaProcess startTemporary() {
        try {
            Path directory = Files.createTempDirectory("kafka-process");
            int port = portOutsideEphemeralRange();
            int controllerPort = portOutsideEphemeralRange();
            while (controllerPort == port) {
                controllerPort = portOutsideEphemeralRange();
            }
            KafkaProcess kafka = new KafkaProcess(directory, port);
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-process-stop"));
            Files.writeString(kafka.properties(), kafka.serverProperties(controllerPort));
            Process format = kafka.run(List.of("kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(),
                    "-c", kafka.properties().toString()), directory.resolve("format.log"));
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                throw new IllegalStateException("cannot format the broker's storage; see " + directory.resolve("format.log"));
            }
            kafka.start();
            KafkaTopics.createAll(kafka.bootstrapServers());
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare a Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker on its data and waits until it accepts connections. */
    public synchronized void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        starts++;
        Path log = directory.resolve("broker-" + starts + ".log");
        process = run(List.of("kafka.Kafka", properties().toString()), log);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!accepts()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String outcome = process.isAlive() ? "still not accepting after " + START_TIMEOUT.toSeconds() + " s"
                        : "exited with " + process.exitValue();
                stop();
                throw new IllegalStateException("the Kafka broker did not start (" + outcome + ", port " + port + "); see " + log);
            }
            pause();
        }
    }

    /** SIGTERM, as an operator stops it: the broker closes its logs and leaves; waits until it has. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        process = null;
    }

    /** Stops the broker and deletes its data (and its logs, kept until then for a failing test to show). */
    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it eventually
        }
    }

    /**
     * A free port below Linux's ephemeral range: while the broker is down its clients keep
     * reconnecting, and a client whose own ephemeral port equalled the broker's could connect to itself.
     */
    private static int portOutsideEphemeralRange() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port between 20000 and 32000");
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Process run(List<String> mainAndArguments, Path log) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx256m", "-XX:+UseSerialGC"));
        command.addAll(classpathAndLogging());
        command.addAll(mainAndArguments);
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + mainAndArguments.get(0), e);
        }
    }

    /**
     * The broker runs as deploy/local/run.sh runs it: on the local stack's own classpath (Kafka and
     * log4j2, built by the reactor before any test), logging to its log file. The classpath of the
     * test JVM has Quarkus's log manager, which swallows the broker's logs, and every test library
     * besides; a broker started on it once died with exit code 1 and nothing logged. Outside the
     * repository (no local stack built), the test JVM's classpath is the fallback.
     */
    private static List<String> classpathAndLogging() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path stack = dir.resolve("deploy/local/stack/target");
            if (Files.isDirectory(stack.resolve("lib")) && Files.isDirectory(stack.resolve("classes"))) {
                return List.of("-Dlog4j2.configurationFile=" + dir.resolve("deploy/local/kafka/log4j2.properties"),
                        "-cp", stack.resolve("classes") + File.pathSeparator + stack.resolve("lib") + File.separator + "*");
            }
        }
        return List.of("-cp", System.getProperty("java.class.path"));
    }

    private Path properties() {
        return directory.resolve("server.properties");
    }

    private String serverProperties(int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + directory.resolve("data"),
                "auto.create.topics.enable=false",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=3",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
