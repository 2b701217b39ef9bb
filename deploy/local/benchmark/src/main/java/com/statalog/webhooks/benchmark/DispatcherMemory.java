package com.statalog.webhooks.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import com.statalog.webhooks.testkit.ServiceProcess;

/** What the benchmarks read of a packaged dispatcher's memory and configuration: live heap, resident memory, webhooks loaded. */
final class DispatcherMemory {

    private static final Duration LOAD_TIMEOUT = Duration.ofMinutes(5);

    private DispatcherMemory() {
    }

    /** Waits until the dispatcher holds at least {@code webhooks} webhooks (its gauge statalog_webhooks_loaded). */
    static void awaitLoaded(ServiceProcess dispatcher, int webhooks) throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (dispatcher.metric("statalog_webhooks_loaded") < webhooks) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dispatcher did not load " + webhooks + " webhooks in " + LOAD_TIMEOUT);
            }
            Thread.sleep(250);
        }
    }

    /** Waits until the dispatcher holds at most {@code webhooks} webhooks. */
    static void awaitUnloaded(ServiceProcess dispatcher, int webhooks) throws InterruptedException {
        long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
        while (dispatcher.metric("statalog_webhooks_loaded") > webhooks) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dispatcher still held more than " + webhooks + " webhooks after " + LOAD_TIMEOUT);
            }
            Thread.sleep(250);
        }
    }

    /**
     * The dispatcher's heap after a full collection (jcmd GC.run): what it holds live, not what it has
     * not collected yet. The least of three, half a second apart: what a consumer has fetched and not
     * handed over yet is live too, and comes and goes.
     */
    static double liveHeapMb(ServiceProcess dispatcher) throws IOException, InterruptedException {
        double least = Double.MAX_VALUE;
        for (int sample = 0; sample < 3; sample++) {
            if (sample > 0) {
                Thread.sleep(500);
            }
            Process gc = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(dispatcher.pid()), "GC.run").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            gc.waitFor();
            least = Math.min(least, dispatcher.metric("jvm_memory_used_bytes{area=\"heap\"") / 1e6);
        }
        return least;
    }

    /** VmRSS of a process, in MB. */
    static double rssMb(long pid) throws IOException {
        return Rss.of(pid).currentMb();
    }

    /** VmRSS and VmHWM (the peak) of a process, from /proc. */
    record Rss(double currentMb, double peakMb) {
        static Rss of(long pid) throws IOException {
            double current = 0;
            double peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"), StandardCharsets.US_ASCII)) {
                if (line.startsWith("VmRSS:")) {
                    current = kilobytes(line) / 1024.0;
                } else if (line.startsWith("VmHWM:")) {
                    peak = kilobytes(line) / 1024.0;
                }
            }
            return new Rss(current, peak);
        }

        private static long kilobytes(String line) {
            return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
    }
}
