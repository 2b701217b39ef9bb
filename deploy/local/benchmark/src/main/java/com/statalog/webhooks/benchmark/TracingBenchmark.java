package com.statalog.webhooks.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.jar.JarFile;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.KafkaProcess;
import com.statalog.webhooks.testkit.OtlpReceiver;
import com.statalog.webhooks.testkit.ServiceProcess;

/**
 * What tracing costs the dispatcher, in two parts of one run on a broker of its own, spans exported
 * over OTLP to a receiver in this process, as to a collector:
 * <ul>
 * <li>paired ({@link #paired}): the default ratio's cost inside one dispatcher, phase against phase;
 * the figure the 5 % target is judged by, since separate processes differ by about 10 %;</li>
 * <li>modes: tracing off (the baseline), on with nothing sampled (what every delivery pays), at the
 * default ratio, and with every delivery traced, each a fresh dispatcher warmed up first, in turn
 * over as many rounds as modes ({@code -Drounds}; 0 skips them). With
 * {@code -Dbaseline.jar=…/quarkus-run.jar} (a dispatcher built before tracing existed) that build
 * runs as a mode too.</li>
 * </ul>
 * The dispatcher is the packaged jar with the local stack's heap ({@code -Dheap}). Prints its CPU
 * per delivery from /proc without its JIT compiler threads, and the rate at the receiver.
 * Arguments: [EVENTS] [RATIO], the ratio the dispatcher's own default unless given; run from a
 * module folder (bench/tracing.sh).
 */
public final class TracingBenchmark {

    private static final int WEBHOOKS = 50;
    /** Enough for C2 to have compiled the hot paths: with 20 000 it still took half the CPU of the timed part. */
    private static final int WARM_UP_EVENTS = 60_000;
    private static final int PAIRS = Integer.getInteger("pairs", 8);
    private static final int PHASE_EVENTS = 30_000;
    private static final OtlpReceiver COLLECTOR = OtlpReceiver.counting();
    private static final String PACKAGED_JAR = System.getProperty(DispatcherProcess.JAR_PROPERTY);
    /** The dispatcher's heap: the local stack's by default; 256m is what the Kubernetes manifest gives it. */
    private static final String HEAP = System.getProperty("heap", "96m");

    /** CPU per delivery with and without the JIT compiler's threads, and the rate at the receiver. */
    private record Figures(double cpuUsPerDelivery, double cpuUsPerDeliveryNoJit, double ratePerS) {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 60_000;
        // without one, the dispatcher's own default ratio, read from its package rather than copied here
        String ratio = args.length > 1 ? args[1] : defaultRatio();
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
        Set<String> delivered = ConcurrentHashMap.newKeySet();
        HttpServer receiver = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0))
                .requestHandler(request -> request.body().onSuccess(body -> {
                    delivered.add(request.getHeader("X-Statalog-Delivery"));
                    request.response().setStatusCode(200).end();
                })).listen().toCompletionStage().toCompletableFuture().join();
        Path hostsFile = Files.createTempFile("tracing-bench", ".hosts");
        Files.writeString(hostsFile, "127.0.0.1 h0.bench\n");
        // the baseline: tracing off (QUARKUS_OTEL_SDK_DISABLED); with -Dbaseline.jar, also a dispatcher built without tracing
        Map<String, List<String>> modes = new LinkedHashMap<>();
        String baselineJar = System.getProperty("baseline.jar");
        if (baselineJar != null) {
            modes.put("untraced_build", List.of());
        }
        modes.put("off", List.of("-Dquarkus.otel.sdk.disabled=true"));
        // what every delivery pays once tracing is on, sampled or not
        modes.put("none_sampled", traced("0"));
        modes.put("default_ratio", traced(ratio));
        modes.put("all", traced("1"));
        // 0: the paired part alone
        int rounds = Integer.getInteger("rounds", modes.size());
        Map<String, double[]> cpu = new LinkedHashMap<>();
        Map<String, double[]> cpuNoJit = new LinkedHashMap<>();
        Map<String, double[]> rate = new LinkedHashMap<>();
        double[] paired;
        try (KafkaProcess kafka = KafkaProcess.startTemporary()) {
            List<String> sites = ManyWebhooksBenchmark.publishWebhooks(kafka.bootstrapServers(), WEBHOOKS, 1, receiver.actualPort());
            paired = paired(kafka.bootstrapServers(), sites, hostsFile, delivered, Double.parseDouble(ratio));
            int round = 0;
            List<Map.Entry<String, List<String>>> order = new ArrayList<>(modes.entrySet());
            for (int r = 0; r < rounds; r++) {
                // each round starts one mode later: a mode's place in the run (the broker's growing topics, the
                // machine's drift) falls on every mode alike, once per place with as many rounds as modes
                for (Map.Entry<String, List<String>> mode : order) {
                    System.setProperty(DispatcherProcess.JAR_PROPERTY,
                            mode.getKey().equals("untraced_build") ? baselineJar : PACKAGED_JAR);
                    Figures figures = run(kafka.bootstrapServers(), sites, hostsFile, mode.getValue(), delivered, events,
                            "tracing-bench-" + mode.getKey() + "-" + round++);
                    cpu.computeIfAbsent(mode.getKey(), k -> new double[rounds])[r] = figures.cpuUsPerDelivery();
                    cpuNoJit.computeIfAbsent(mode.getKey(), k -> new double[rounds])[r] = figures.cpuUsPerDeliveryNoJit();
                    rate.computeIfAbsent(mode.getKey(), k -> new double[rounds])[r] = figures.ratePerS();
                    print(mode.getKey() + "_round_" + (r + 1) + "_cpu_us_per_delivery", figures.cpuUsPerDelivery());
                    print(mode.getKey() + "_round_" + (r + 1) + "_cpu_us_per_delivery_without_jit", figures.cpuUsPerDeliveryNoJit());
                    print(mode.getKey() + "_round_" + (r + 1) + "_rate_per_s", figures.ratePerS());
                }
                order.add(order.remove(0));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            Files.deleteIfExists(hostsFile);
        }
        print("sampler_ratio", Double.parseDouble(ratio));
        double[] sorted = paired.clone();
        Arrays.sort(sorted);
        print("paired_cpu_traced_to_untraced_mean", mean(paired));
        print("paired_cpu_traced_to_untraced_median", (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2);
        print("paired_cpu_traced_to_untraced_min", sorted[0]);
        print("paired_cpu_traced_to_untraced_max", sorted[sorted.length - 1]);
        print("spans_exported", COLLECTOR.count());
        if (COLLECTOR.count() == 0) {
            throw new IllegalStateException("no span was exported: the traced modes did not trace");
        }
        COLLECTOR.close();
        if (rounds == 0) {
            return;
        }
        double baseCpu = mean(cpu.get("off"));
        double baseCpuNoJit = mean(cpuNoJit.get("off"));
        double baseRate = mean(rate.get("off"));
        for (String mode : modes.keySet()) {
            print(mode + "_cpu_us_per_delivery", mean(cpu.get(mode)));
            print(mode + "_cpu_to_off", mean(cpu.get(mode)) / baseCpu);
            print(mode + "_cpu_us_per_delivery_without_jit", mean(cpuNoJit.get(mode)));
            print(mode + "_cpu_without_jit_to_off", mean(cpuNoJit.get(mode)) / baseCpuNoJit);
            print(mode + "_rate_per_s", mean(rate.get(mode)));
            print(mode + "_rate_to_off", mean(rate.get(mode)) / baseRate);
        }
    }

    /** As the services run in production, exporting to this process's OTLP receiver (over HTTP: it has no gRPC). */
    private static List<String> traced(String ratio) {
        return List.of("-Dquarkus.otel.sdk.disabled=false", "-Dquarkus.otel.traces.sampler.arg=" + ratio, "-Dquarkus.otel.exporter.otlp.traces.protocol=http/protobuf",
                "-Dquarkus.otel.exporter.otlp.traces.endpoint=" + COLLECTOR.endpoint());
    }

    /** quarkus.otel.traces.sampler.arg in the packaged dispatcher's application.properties. */
    private static String defaultRatio() throws IOException {
        try (var jars = Files.list(Path.of(PACKAGED_JAR).resolveSibling("app"))) {
            Path app = jars.filter(jar -> jar.getFileName().toString().endsWith(".jar")).findFirst().orElseThrow();
            try (JarFile jar = new JarFile(app.toFile())) {
                Properties properties = new Properties();
                properties.load(jar.getInputStream(jar.getEntry("application.properties")));
                return properties.getProperty("quarkus.otel.traces.sampler.arg");
            }
        }
    }

    /**
     * The cost of the default ratio inside one dispatcher, which separate processes measure too
     * coarsely: with tracing on and nothing sampled at its own start, phases whose events all come
     * without a context alternate with phases where the share {@code sampled} of them comes in a
     * sampled trace of the publisher's, as the ratio would pick them. Both phases share the
     * process, its compiled code and its heap, and the machine's drift falls on both alike (the
     * order alternates from pair to pair). Returns each pair's CPU per delivery, without the JIT,
     * traced phase to untraced phase.
     */
    private static double[] paired(String bootstrap, List<String> sites, Path hostsFile, Set<String> delivered, double sampled)
            throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + HEAP, "-XX:+UseSerialGC", "-Djdk.net.hosts.file=" + hostsFile));
        jvm.addAll(traced("0"));
        double[] ratios = new double[PAIRS];
        try (ServiceProcess dispatcher = DispatcherProcess.start(bootstrap, true, jvm, "tracing-bench-paired")) {
            awaitDelivered(bootstrap, delivered, sites, WARM_UP_EVENTS / WEBHOOKS, sampled);
            for (int pair = 0; pair < PAIRS; pair++) {
                boolean tracedFirst = pair % 2 == 1;
                double first = timed(dispatcher, bootstrap, delivered, sites, PHASE_EVENTS, tracedFirst ? sampled : 0).cpuUsPerDeliveryNoJit();
                double second = timed(dispatcher, bootstrap, delivered, sites, PHASE_EVENTS, tracedFirst ? 0 : sampled).cpuUsPerDeliveryNoJit();
                ratios[pair] = tracedFirst ? first / second : second / first;
                print("paired_" + (pair + 1) + "_cpu_traced_to_untraced", ratios[pair]);
            }
        }
        return ratios;
    }

    /** A fresh dispatcher with {@code options}: warmed up, then timed over {@code events}, counted until the last arrives. */
    private static Figures run(String bootstrap, List<String> sites, Path hostsFile, List<String> options, Set<String> delivered,
            int events, String logName) throws Exception {
        List<String> jvm = new ArrayList<>(List.of("-Xmx" + HEAP, "-XX:+UseSerialGC", "-Djdk.net.hosts.file=" + hostsFile));
        jvm.addAll(options);
        try (ServiceProcess dispatcher = DispatcherProcess.start(bootstrap, true, jvm, logName)) {
            awaitDelivered(bootstrap, delivered, sites, WARM_UP_EVENTS / WEBHOOKS, 0);
            return timed(dispatcher, bootstrap, delivered, sites, events, 0);
        }
    }

    /** {@code events} deliveries, the share {@code sampled} of them in a publisher's sampled trace, timed until the last arrives. */
    private static Figures timed(ServiceProcess dispatcher, String bootstrap, Set<String> delivered, List<String> sites, int events,
            double sampled) throws Exception {
        double cpuBefore = StackProcesses.cpuSeconds(dispatcher.pid());
        double jitBefore = StackProcesses.jitSeconds(dispatcher.pid());
        long start = System.nanoTime();
        awaitDelivered(bootstrap, delivered, sites, events / WEBHOOKS, sampled);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpu = StackProcesses.cpuSeconds(dispatcher.pid()) - cpuBefore;
        double jit = StackProcesses.jitSeconds(dispatcher.pid()) - jitBefore;
        int made = events / WEBHOOKS * WEBHOOKS;
        return new Figures(cpu * 1e6 / made, (cpu - jit) * 1e6 / made, made / seconds);
    }

    /** Publishes {@code perSite} events to each site at once and waits until every delivery has arrived. */
    private static void awaitDelivered(String bootstrap, Set<String> delivered, List<String> sites, int perSite, double sampled)
            throws InterruptedException {
        delivered.clear();
        int expected = perSite * sites.size();
        ManyWebhooksBenchmark.publishEvents(bootstrap, sites, perSite, sampled);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        while (delivered.size() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(delivered.size() + " of " + expected + " deliveries in 5 minutes");
            }
            Thread.sleep(20);
        }
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double value : values) {
            sum += value;
        }
        return sum / values.length;
    }

    private static void print(String key, double value) {
        DispatchBenchmark.print(key, value);
    }
}
