package com.statalog.webhooks.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What each process of the local stack costs during a measured window (Linux /proc): its highest
 * resident memory while sampling runs (summed over a service's processes: PostgreSQL has several), and the CPU time it used between {@link #start} and
 * {@link #cpuSeconds}. PostgreSQL counts all its processes; "bench" is this JVM (publisher and
 * receiver). CPU is what names the limit on a small machine: its cores divided by the CPU a
 * delivery costs end to end is the most any dispatcher could deliver here.
 */
final class StackProcesses {

    /** Clock ticks per second of /proc/[pid]/stat and /proc/stat (USER_HZ, 100 on Linux). */
    static final double TICKS_PER_S = 100;

    private static final Map<String, Predicate<String>> PROCESSES = new LinkedHashMap<>();
    static {
        PROCESSES.put("dispatcher", command -> command.contains("dispatcher-service/target/quarkus-app/quarkus-run.jar"));
        PROCESSES.put("registry", command -> command.contains("registry-service/target/quarkus-app/quarkus-run.jar"));
        PROCESSES.put("anomaly", command -> command.contains("anomaly-service/target/quarkus-app/quarkus-run.jar"));
        PROCESSES.put("kafka", command -> command.contains("kafka.Kafka"));
        PROCESSES.put("postgres", command -> command.startsWith("postgres") || command.contains("/bin/postgres"));
    }

    private final Map<Long, String> others;
    private final Map<String, Long> peakKb = new LinkedHashMap<>();
    private Map<Long, String> pidsAtStart = Map.of();
    private Map<Long, Long> ticksAtStart = Map.of();
    private Map<Long, Long> jitTicksAtStart = Map.of();
    private long machineBusyAtStart;
    private long machineTotalAtStart;
    private volatile boolean sampling;
    private Thread sampler;

    StackProcesses() {
        this(Map.of());
    }

    /** Counts these processes too, by pid and name: a process the benchmark started itself. */
    StackProcesses(Map<Long, String> others) {
        this.others = others;
    }

    void start() {
        pidsAtStart = stackPids();
        ticksAtStart = ticks(pidsAtStart);
        jitTicksAtStart = jitTicks(pidsAtStart);
        long[] machine = machineTicks();
        machineBusyAtStart = machine[0];
        machineTotalAtStart = machine[1];
        sampling = true;
        sampler = new Thread(() -> {
            while (sampling) {
                Map<String, Long> sample = new HashMap<>();
                pidsAtStart.forEach((pid, name) -> rssKb(pid).ifPresent(kb -> sample.merge(name, kb, Long::sum)));
                sample.forEach((name, kb) -> peakKb.merge(name, kb, Math::max));
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "rss-sampler");
        sampler.start();
    }

    /** Ends the memory sampling; CPU keeps counting until {@link #cpuSeconds}. */
    void stopSampling() throws InterruptedException {
        sampling = false;
        sampler.join();
    }

    void printMemory(String prefix) {
        peakKb.forEach((name, kb) -> DispatchBenchmark.print(prefix + name, kb / 1024.0));
    }

    /**
     * CPU seconds used since {@link #start}: by each process of the stack, the part of it each
     * JVM's JIT compiler threads used (a JVM still compiling is not yet warm), by the whole machine
     * (every process), and the machine's capacity over the same time (cores × seconds).
     */
    record CpuUse(Map<String, Double> byProcess, Map<String, Double> jitByProcess, double machine, double capacity) {

        /** All the stack's processes together; the machine's rest is other processes. */
        double stack() {
            return byProcess.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        double busyPercent() {
            return 100 * machine / capacity;
        }
    }

    CpuUse cpuSeconds() {
        Map<Long, String> pids = stackPids();
        Map<Long, Long> now = ticks(pids);
        Map<String, Double> byProcess = new LinkedHashMap<>();
        now.forEach((pid, ticks) -> byProcess.merge(pids.get(pid), (ticks - ticksAtStart.getOrDefault(pid, 0L)) / TICKS_PER_S, Double::sum));
        Map<String, Double> jitByProcess = new LinkedHashMap<>();
        jitTicks(pids).forEach((pid, ticks) -> jitByProcess.merge(pids.get(pid),
                Math.max(0, ticks - jitTicksAtStart.getOrDefault(pid, 0L)) / TICKS_PER_S, Double::sum));
        long[] machine = machineTicks();
        return new CpuUse(byProcess, jitByProcess, (machine[0] - machineBusyAtStart) / TICKS_PER_S,
                (machine[1] - machineTotalAtStart) / TICKS_PER_S);
    }

    private Map<Long, String> stackPids() {
        Map<Long, String> pids = new HashMap<>(others);
        pids.put(ProcessHandle.current().pid(), "bench");
        ProcessHandle.allProcesses().forEach(process -> process.info().commandLine().ifPresent(command ->
                PROCESSES.forEach((name, matches) -> {
                    if (matches.test(command)) {
                        pids.put(process.pid(), name);
                    }
                })));
        return pids;
    }

    private static Map<Long, Long> ticks(Map<Long, String> pids) {
        Map<Long, Long> ticks = new HashMap<>();
        pids.keySet().forEach(pid -> processTicks(pid).ifPresent(t -> ticks.put(pid, t)));
        return ticks;
    }

    /**
     * CPU ticks of each process's HotSpot compiler threads ("C1 CompilerThre…", "C2 CompilerThre…"
     * in /proc/[pid]/task/[tid]/stat); processes without them (PostgreSQL) are left out. On two
     * cores HotSpot keeps one thread of each, so none ends between two readings.
     */
    private static Map<Long, Long> jitTicks(Map<Long, String> pids) {
        Map<Long, Long> ticks = new HashMap<>();
        for (long pid : pids.keySet()) {
            try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
                long sum = tasks.mapToLong(task -> compilerTicks(task.resolve("stat"))).sum();
                if (sum > 0) {
                    ticks.put(pid, sum);
                }
            } catch (IOException | RuntimeException e) {
                // the process ended: nothing to count
            }
        }
        return ticks;
    }

    private static long compilerTicks(Path stat) {
        try {
            String line = Files.readString(stat);
            String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
            return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? ticksOf(line) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** CPU seconds (user and system) a running process has used so far. */
    static double cpuSeconds(long pid) {
        return processTicks(pid).orElseThrow(() -> new IllegalStateException("process " + pid + " has ended")) / TICKS_PER_S;
    }

    /** CPU seconds a process's HotSpot compiler threads have used so far; 0 for a process without them. */
    static double jitSeconds(long pid) {
        return jitTicks(Map.of(pid, "")).getOrDefault(pid, 0L) / TICKS_PER_S;
    }

    /** The process's CPU ticks so far, empty once it has ended. */
    private static Optional<Long> processTicks(long pid) {
        try {
            return Optional.of(ticksOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** utime + stime (fields 14 and 15) of a /proc stat line, counted after the parenthesised name. */
    private static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** Busy and total ticks of all cores from the first line of /proc/stat. */
    private static long[] machineTicks() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    private static Optional<Long> rssKb(long pid) {
        try {
            List<String> status = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
            return status.stream().filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).findFirst();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
