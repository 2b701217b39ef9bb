package com.statalog.webhooks.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import com.statalog.webhooks.contracts.Topic;

/**
 * Measures how fast a running anomaly service turns pageviews into exact daily counts: publishes
 * N distinct pageviews over a few sites, then waits until the service's API shows all of them.
 * Baseline in the same run: a plain consumer reading the same N records from the same topic (the
 * broker's limit here). Prints one line of figures.
 * Arguments: BOOTSTRAP ANOMALY_URL OPERATOR_TOKEN [N].
 */
public final class PageviewBenchmark {

    private static final int SITES = 20;
    private static final int WARM_UP = 100_000;
    private static final String TOPIC = Topic.PAGEVIEWS.topicName();

    private PageviewBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        String anomaly = args[1];
        String token = args[2];
        int count = args.length > 3 ? Integer.parseInt(args[3]) : 300_000;
        String run = UUID.randomUUID().toString().substring(0, 6);
        LocalDate day = LocalDate.parse("2024-01-15");

        // untimed first, as for dispatch: a service's first 100 000 records after its start are
        // mostly the JIT compiler's work (measured: 9 900/s in the first run, 22 600/s in the second)
        String warmUp = UUID.randomUUID().toString().substring(0, 6);
        publish(bootstrap, warmUp, day, WARM_UP);
        while (countedSoFar(anomaly, token, warmUp, day) < WARM_UP) {
            Thread.sleep(200);
        }

        StackProcesses processes = new StackProcesses();
        processes.start();
        long start = System.nanoTime();
        publish(bootstrap, run, day, count);
        double publishSeconds = (System.nanoTime() - start) / 1e9;
        long counted = 0;
        while (counted < count) {
            Thread.sleep(200);
            counted = countedSoFar(anomaly, token, run, day);
        }
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        processes.stopSampling();
        StackProcesses.CpuUse cpu = processes.cpuSeconds();
        double consumeSeconds = BenchKafka.rawConsume(bootstrap, TOPIC, "bench-raw-" + run, "BENCH-" + run, count).seconds();

        System.out.printf("pageviews=%d publish_s=%.2f ingested_s=%.2f ingest_rate_per_s=%.0f baseline_raw_consume_rate_per_s=%.0f ratio=%.2f%n",
                count, publishSeconds, ingestSeconds, count / ingestSeconds, count / consumeSeconds,
                (count / ingestSeconds) / (count / consumeSeconds));
        // where the CPU went, per pageview: "bench" publishes the records and polls the counts
        cpu.byProcess().forEach((name, seconds) -> System.out.printf("cpu_us_per_pageview_%s=%.2f%n", name, seconds * 1e6 / count));
        System.out.printf("cpu_us_per_pageview_machine=%.2f%n", cpu.machine() * 1e6 / count);
        System.out.printf("cpu_busy_pct=%.1f%n", cpu.busyPercent());
    }

    private static void publish(String bootstrap, String run, LocalDate day, int count) throws Exception {
        Properties props = BenchKafka.producerProperties(bootstrap, "10");
        // the publisher shares the two cores with what it measures: lz4 made it the largest user (31 µs a record)
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                String site = "BENCH-" + run + "-" + (i % SITES);
                String value = "{\"site_id\":\"" + site + "\",\"visitor_id\":\"v" + i + "\",\"timestamp\":\"" + day + "T12:00:00Z\"}";
                producer.send(new ProducerRecord<>(TOPIC, site.getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
            }
            producer.flush();
        }
    }

    private static long countedSoFar(String anomaly, String token, String run, LocalDate day) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        Pattern visitors = Pattern.compile("\"visitors\":(\\d+)");
        long total = 0;
        for (int site = 0; site < SITES; site++) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(anomaly + "/api/v1/sites/BENCH-" + run + "-" + site
                    + "/daily-visitors?from=" + day + "&to=" + day)).header("Authorization", "Bearer " + token).build();
            Matcher matcher = visitors.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
            if (matcher.find()) {
                total += Long.parseLong(matcher.group(1));
            }
        }
        return total;
    }
}
