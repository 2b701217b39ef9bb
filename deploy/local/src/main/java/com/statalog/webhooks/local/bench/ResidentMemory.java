package com.statalog.webhooks.local.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The highest resident memory of each process of the local stack while sampling runs (Linux /proc). */
final class ResidentMemory {

    private static final Map<String, String> PROCESSES = Map.of(
            "registry", "registry-service/target/quarkus-app/quarkus-run.jar",
            "dispatcher", "dispatcher-service/target/quarkus-app/quarkus-run.jar",
            "anomaly", "anomaly-service/target/quarkus-app/quarkus-run.jar",
            "kafka", "kafka.Kafka");

    private final Map<String, Long> pids = new LinkedHashMap<>();
    private final Map<String, Long> peakKb = new LinkedHashMap<>();
    private volatile boolean sampling;
    private Thread sampler;

    void start() {
        ProcessHandle.allProcesses().forEach(process -> process.info().commandLine().ifPresent(command ->
                PROCESSES.forEach((name, marker) -> {
                    if (command.contains(marker)) {
                        pids.put(name, process.pid());
                    }
                })));
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                pids.forEach((name, pid) -> rssKb(pid).ifPresent(kb -> peakKb.merge(name, kb, Math::max)));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.start();
    }

    void stop() throws InterruptedException {
        sampling = false;
        sampler.join();
    }

    void print(String prefix) {
        peakKb.forEach((name, kb) -> DispatchBenchmark.print(prefix + name, kb / 1024.0));
    }

    private static Optional<Long> rssKb(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                    .findFirst();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
