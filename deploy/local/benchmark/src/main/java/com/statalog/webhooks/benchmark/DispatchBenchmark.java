package com.statalog.webhooks.benchmark;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import java.util.function.IntToLongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.statalog.webhooks.contracts.Topic;

/**
 * Dispatch figures of a running stack, each beside a baseline measured in the same run:
 * throughput at the receiver (baselines: wrk POSTing the same signed body to the same receiver,
 * and a plain consumer reading the same records), the CPU each process spends per delivery,
 * publish-to-receipt latency at a steady rate (baseline: a plain consumer's publish-to-consume of
 * the same events), the same with a fifth of the webhooks pointing at an endpoint that never
 * answers (on a host of its own, then on the hosts of healthy webhooks), how late the healthy
 * webhooks' retries come while the hanging ones' fill the retry topics, and the services'
 * resident memory. Prints {@code key=value} lines (bench/run.sh makes the table).
 * Arguments: BOOTSTRAP REGISTRY_URL DISPATCHER_URL OPERATOR_TOKEN SERVICE_TOKEN [EVENTS] [WEBHOOKS].
 */
public final class DispatchBenchmark {

    private static final String TOPIC = Topic.EVENTS.topicName();
    private static final int RECEIVER_PORTS = 10;
    private static final int LATENCY_RATE_PER_S = 200;
    private static final int LATENCY_EVENTS = 4_000;
    private static final int WARM_UP_EVENTS = 20_000;
    /** At least this many: on a noisy machine one slow round would otherwise end the warm-up of a JVM still compiling. */
    private static final int MIN_WARM_UP_ROUNDS = 5;
    private static final int MAX_WARM_UP_ROUNDS = 8;
    /** The first retry delay of the local stack (the spec's 60 s). */
    private static final Duration RETRY_DELAY = Duration.ofSeconds(60);
    private static final Duration IDLE_WINDOW = Duration.ofSeconds(10);
    /** The dispatcher's defaults: concurrent attempts per webhook and per host. */
    private static final int PER_WEBHOOK = 8;
    private static final int PER_HOST = 64;

    private final String bootstrap;
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final BenchReceiver receiver = new BenchReceiver(RECEIVER_PORTS);
    private final BenchAccount account;
    private final StackProcesses processes = new StackProcesses();

    private DispatchBenchmark(String bootstrap, String registry, String dispatcher, String serviceToken) {
        this.bootstrap = bootstrap;
        this.account = new BenchAccount(registry, dispatcher, serviceToken);
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 5 ? Integer.parseInt(args[5]) : 50_000;
        int webhooks = args.length > 6 ? Integer.parseInt(args[6]) : 50;
        DispatchBenchmark bench = new DispatchBenchmark(args[0], args[1], args[2], args[4]);
        try {
            bench.account.create(args[3], bench.run, webhooks, bench.receiver);
            bench.measure(events);
        } finally {
            bench.account.deleteAll();
            bench.receiver.close();
        }
    }

    private void measure(int events) throws Exception {
        int webhooks = account.hooks.size();
        print("webhooks", webhooks);
        print("receiver_connections", connections());

        // the same path untimed first, until its rate is steady: a JVM compiles its hot code in its
        // first minute under load, and on two cores the compiler takes the CPU being measured
        // (its first round, on a freshly started stack, is what a replica added under load does: "cold")
        double previous = 0;
        int rounds = 0;
        while (rounds < MAX_WARM_UP_ROUNDS) {
            int base = 30_000_000 + rounds++ * WARM_UP_EVENTS;
            receiver.expect(base, WARM_UP_EVENTS);
            StackProcesses round = new StackProcesses();
            round.start();
            long began = System.nanoTime();
            publishAtOnce(base, WARM_UP_EVENTS);
            awaitDeliveries(WARM_UP_EVENTS, i -> true, Duration.ofMinutes(5));
            double rate = WARM_UP_EVENTS / seconds(lastReceipt(WARM_UP_EVENTS, i -> true) - began);
            round.stopSampling();
            print("warm_up_round_" + rounds + "_rate_per_s", rate);
            print("warm_up_round_" + rounds + "_dispatcher_cpu_us_per_delivery",
                    round.cpuSeconds().byProcess().getOrDefault("dispatcher", 0.0) * 1e6 / WARM_UP_EVENTS);
            awaitQuiet();
            if (warm(rounds, rate, previous)) {
                break;
            }
            previous = rate;
        }
        print("warm_up_rounds", rounds);

        // throughput: everything published at once, timed until the last delivery arrives
        receiver.expect(0, events);
        processes.start();
        long start = System.nanoTime();
        publishAtOnce(0, events);
        print("publish_s", seconds(System.nanoTime() - start));
        awaitDeliveries(events, i -> true, Duration.ofMinutes(5));
        long last = lastReceipt(events, i -> true);
        processes.stopSampling();
        int delivered = receiver.received.get();
        print("dispatch_events", events);
        print("dispatch_delivered", delivered);
        print("dispatch_duplicates", receiver.duplicates.get());
        print("dispatch_bad_signatures", receiver.badSignatures.get());
        print("dispatch_rate_per_s", delivered / seconds(last - start));
        processes.printMemory("rss_mb_");
        // the CPU one delivery costs, until its attempt record is in the delivery log too
        awaitQuiet();
        StackProcesses.CpuUse cpu = processes.cpuSeconds();
        printCpu(cpu, delivered);
        printIdleShare(cpu, delivered);
        BenchKafka.RawConsume raw = BenchKafka.rawConsume(bootstrap, TOPIC, "bench-raw-" + run, "bench-" + run + "-", events);
        print("baseline_raw_consume_rate_per_s", events / raw.seconds());
        double consumeUs = raw.cpuSeconds() * 1e6 / raw.recordsRead();
        print("cpu_us_per_record_raw_consume", consumeUs);
        // the delivery log's share of that floor: reading the attempt records it stores (docs/performance.md
        // adds what writing them costs, from the delivery log's own benchmark)
        BenchKafka.RawConsume rawAttempts = rawConsumeAttempts();
        print("cpu_us_per_record_raw_consume_attempts", rawAttempts.cpuSeconds() * 1e6 / rawAttempts.recordsRead());
        Wrk wrk = wrk();
        print("baseline_wrk_rate_per_s", wrk.rate());
        print("cpu_us_per_request_wrk_client", wrk.cpuUsPerRequest());
        // the least one delivery can cost here: everything but the dispatcher as measured, plus a
        // dispatcher no dearer than a plain consumer reading the event and wrk sending the request
        double floorUs = (cpu.stack() - cpu.byProcess().get("dispatcher")) * 1e6 / delivered + consumeUs + wrk.cpuUsPerRequest();
        print("cpu_us_per_delivery_floor", floorUs);
        print("cpu_ceiling_ideal_dispatcher_per_s", Runtime.getRuntime().availableProcessors() * 1e6 / floorUs);
        bare(events);

        // latency at a steady rate, all endpoints healthy, once the backlog of the run above is digested
        // (the registry storing its attempt records would otherwise compete for the CPU)
        awaitQuiet();
        latency("latency", 10_000_000, i -> true);

        // the same while every fifth webhook points at an endpoint that accepts and never answers
        IntPredicate healthyHook = hook -> hook % 5 != 0;
        for (int hook = 0; hook < webhooks; hook++) {
            if (!healthyHook.test(hook)) {
                account.repoint(hook, "http://127.0.0.1:" + receiver.hangingPort() + "/hook/" + hook);
            }
        }
        awaitQuiet();
        print("isolation_hanging_webhooks", webhooks - (int) IntStream.range(0, webhooks).filter(healthyHook).count());
        latency("isolation", 20_000_000, i -> healthyHook.test(i % webhooks));

        // the same with the hanging webhooks on the hosts of healthy ones: a fifth of the webhooks, one on each
        // receiver port (host:port), each beside four healthy ones (as many accounts share hooks.zapier.com)
        IntPredicate healthyBeside = hook -> hook >= webhooks / 5;
        for (int hook = 0; hook < webhooks; hook++) {
            String url = healthyBeside.test(hook) ? BenchAccount.receiverUrl(receiver, hook)
                    : "http://127.0.0.1:" + receiver.port(hook) + "/hang/" + hook;
            account.repoint(hook, url);
        }
        awaitQuiet();
        latency("isolation_same_host", 40_000_000, i -> healthyBeside.test(i % webhooks));

        // the retry path: the same hanging webhooks fill the retry topics while every healthy webhook fails each
        // event's first attempt, so that all of their retries come due among the hanging ones'
        for (int hook = 0; hook < webhooks; hook++) {
            if (healthyBeside.test(hook)) {
                account.repoint(hook, "http://127.0.0.1:" + receiver.port(hook) + "/flaky/" + hook);
            }
        }
        awaitQuiet();
        retryLateness("retry_isolation", 50_000_000, i -> healthyBeside.test(i % webhooks));
    }

    /**
     * The same deliveries made by {@link BareDispatcher}, a process of its own reading a topic of its
     * own, while the stack is idle: warm-up rounds as above (its first is a fresh JVM: "cold"), then
     * the timed run, each with its CPU per delivery from /proc, counted until its attempt records
     * are in Kafka. What the dispatcher's libraries cost here with none of its guarantees.
     */
    private void bare(int events) throws Exception {
        String topic = "bench-bare-events-" + run;
        String attempts = "bench-bare-attempts-" + run;
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(topic, Topic.EVENTS.partitions(), (short) 1),
                    new NewTopic(attempts, Topic.WEBHOOK_ATTEMPTS.partitions(), (short) 1))).all().get();
            // the dispatcher's heap, collector and extra options (deploy/local/run.sh)
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xms64m",
                    "-Xmx96m", "-XX:+UseSerialGC"));
            String options = System.getenv().getOrDefault("STATALOG_SERVICE_JAVA_OPTS", "").replace("{service}", "bare-dispatcher").strip();
            if (!options.isEmpty()) {
                command.addAll(List.of(options.split(" +")));
            }
            command.addAll(List.of("-Dlog4j2.configurationFile=" + System.getProperty("log4j2.configurationFile"),
                    "-cp", System.getProperty("java.class.path"), BareDispatcher.class.getName(), bootstrap, topic, attempts));
            Process bare = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try (Writer hooks = new OutputStreamWriter(bare.getOutputStream(), StandardCharsets.UTF_8);
                    BufferedReader said = new BufferedReader(new InputStreamReader(bare.getInputStream(), StandardCharsets.UTF_8))) {
                for (int i = 0; i < account.hooks.size(); i++) {
                    BenchAccount.Hook hook = account.hooks.get(i);
                    hooks.write(hook.siteId() + " " + BenchAccount.receiverUrl(receiver, i) + " " + hook.secret() + "\n");
                }
                hooks.write("end\n");
                hooks.flush();
                // what a JVM agent (a profiler) prints may come first
                String line;
                while ((line = said.readLine()) != null && !line.equals("ready")) {
                    System.err.println("bare dispatcher: " + line);
                }
                if (line == null) {
                    throw new IllegalStateException("the bare dispatcher did not start");
                }
                double previous = 0;
                int rounds = 0;
                long recorded = 0;
                while (rounds < MAX_WARM_UP_ROUNDS) {
                    recorded += WARM_UP_EVENTS;
                    BareRound round = bareRound(admin, topic, attempts, bare.pid(), 60_000_000 + rounds++ * WARM_UP_EVENTS,
                            WARM_UP_EVENTS, recorded);
                    print("bare_round_" + rounds + "_rate_per_s", round.rate());
                    print("bare_round_" + rounds + "_cpu_us_per_delivery", round.cpuUs());
                    if (warm(rounds, round.rate(), previous)) {
                        break;
                    }
                    previous = round.rate();
                }
                BareRound warm = bareRound(admin, topic, attempts, bare.pid(), 70_000_000, events, recorded + events);
                print("bare_delivered", receiver.received.get());
                print("bare_bad_signatures", receiver.badSignatures.get());
                print("bare_rate_per_s", warm.rate());
                print("cpu_us_per_delivery_bare_dispatcher", warm.cpuUs());
                // Kafka's floor: the fewest topic writes and reads a delivery can have (event in and
                // out, attempt record in), while the stack is idle
                print("cpu_us_per_delivery_kafka_bare", warm.kafkaCpuUs());
            }
            if (!bare.waitFor(30, TimeUnit.SECONDS)) {
                bare.destroyForcibly();
            }
            admin.deleteTopics(List.of(topic, attempts)).all().get();
        }
    }

    /** Warm once a round (from the MIN_WARM_UP_ROUNDS-th) is less than 10 % faster than the one before. */
    private static boolean warm(int rounds, double rate, double previous) {
        return rounds >= MIN_WARM_UP_ROUNDS && rate < previous * 1.1;
    }

    /** Every attempt record so far, read by a plain consumer of its own (each counts, whatever its key). */
    private BenchKafka.RawConsume rawConsumeAttempts() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            int all = Math.toIntExact(records(admin, Topic.WEBHOOK_ATTEMPTS.topicName()));
            return BenchKafka.rawConsume(bootstrap, Topic.WEBHOOK_ATTEMPTS.topicName(), "bench-raw-attempts-" + run, "", all);
        }
    }

    /** A bare round's rate, and the CPU per delivery of the bare dispatcher and of Kafka (/proc). */
    private record BareRound(double rate, double cpuUs, double kafkaCpuUs) {
    }

    /** Publishes count events to the bare dispatcher's topic and waits for their deliveries and attempt records. */
    private BareRound bareRound(Admin admin, String topic, String attempts, long pid, int base, int count, long recordsInAll)
            throws Exception {
        receiver.expect(base, count);
        StackProcesses round = new StackProcesses(Map.of(pid, "bare-dispatcher"));
        round.start();
        long began = System.nanoTime();
        publishAtOnce(topic, base, count);
        awaitDeliveries(count, i -> true, Duration.ofMinutes(5));
        double rate = count / seconds(lastReceipt(count, i -> true) - began);
        round.stopSampling();
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (records(admin, attempts) < recordsInAll && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Map<String, Double> used = round.cpuSeconds().byProcess();
        return new BareRound(rate, used.getOrDefault("bare-dispatcher", 0.0) * 1e6 / count, used.getOrDefault("kafka", 0.0) * 1e6 / count);
    }

    /** How many records a topic with as many partitions as the attempt topic holds: the sum of its end offsets. */
    private static long records(Admin admin, String topic) throws Exception {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        for (int partition = 0; partition < Topic.WEBHOOK_ATTEMPTS.partitions(); partition++) {
            ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        return admin.listOffsets(ends).all().get().values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    }

    /**
     * Publishes at the steady rate and measures, for each counted event, how late its retry came:
     * the second request's arrival minus the failed first one's, minus the retry delay.
     */
    private void retryLateness(String name, int base, IntPredicate counted) throws Exception {
        int count = LATENCY_EVENTS;
        receiver.expect(base, count);
        publishSteadily(base, new long[count]);
        awaitDeliveries(count, counted, RETRY_DELAY.plusMinutes(3));
        long[] late = IntStream.range(0, count).filter(counted)
                .mapToLong(i -> receiver.receivedAt(i) == 0 || receiver.failedAt(i) == 0 ? Long.MAX_VALUE
                        : receiver.receivedAt(i) - receiver.failedAt(i) - RETRY_DELAY.toNanos())
                .sorted().toArray();
        print(name + "_retries", late.length);
        print(name + "_lost", printPercentiles(name + "_late", late));
    }

    /**
     * Prints the p50, p99 and maximum of sorted durations in nanoseconds, in which
     * Long.MAX_VALUE stands for one that never came; answers how many never came.
     */
    private static long printPercentiles(String prefix, long[] sorted) {
        long lost = Arrays.stream(sorted).filter(l -> l == Long.MAX_VALUE).count();
        print(prefix + "_p50_ms", percentile(sorted, 50) / 1e6);
        print(prefix + "_p99_ms", percentile(sorted, 99) / 1e6);
        print(prefix + "_max_ms", sorted[sorted.length - 1 - (int) lost] / 1e6);
        return lost;
    }

    /**
     * CPU per delivery by process, and the ceiling it sets: this machine's cores divided by the CPU
     * one delivery cost across the whole machine (no dispatcher can go faster at that cost).
     */
    private static void printCpu(StackProcesses.CpuUse cpu, int delivered) {
        cpu.byProcess().forEach((name, seconds) -> print("cpu_us_per_delivery_" + name, seconds * 1e6 / delivered));
        cpu.jitByProcess().forEach((name, seconds) -> print("cpu_us_per_delivery_jit_" + name, seconds * 1e6 / delivered));
        print("cpu_us_per_delivery_machine", cpu.machine() * 1e6 / delivered);
        print("cpu_us_per_delivery_other", (cpu.machine() - cpu.stack()) * 1e6 / delivered);
        int cores = Runtime.getRuntime().availableProcessors();
        print("cores", cores);
        print("cpu_busy_pct", cpu.busyPercent());
        print("cpu_ceiling_deliveries_per_s", cores * delivered / cpu.machine());
    }

    /**
     * The part of each process's CPU per delivery that is per second rather than per delivery: what
     * it uses with nothing to do (heartbeats, polls, timers; not its JIT compiler, which is still
     * busy with the burst just ended), over as long as the timed part took, spread over its
     * deliveries. At a few thousand deliveries a second this is much of Kafka's share.
     */
    private static void printIdleShare(StackProcesses.CpuUse timed, int delivered) throws InterruptedException {
        StackProcesses idle = new StackProcesses();
        idle.start();
        Thread.sleep(IDLE_WINDOW.toMillis());
        idle.stopSampling();
        StackProcesses.CpuUse used = idle.cpuSeconds();
        double scale = timed.capacity() / used.capacity();
        used.byProcess().forEach((name, seconds) -> print("cpu_us_per_delivery_idle_" + name,
                (seconds - used.jitByProcess().getOrDefault(name, 0.0)) * scale * 1e6 / delivered));
    }

    /** Waits until the dispatcher and the registry's delivery log have consumed everything published so far. */
    private void awaitQuiet() throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (Admin admin = Admin.create(props)) {
            while (System.nanoTime() < deadline && lag(admin, "statalog-dispatcher") + lag(admin, "statalog-registry-delivery-log") > 0) {
                Thread.sleep(200);
            }
        }
    }

    private static long lag(Admin admin, String group) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
        return committed.entrySet().stream()
                .mapToLong(entry -> ends.get(entry.getKey()).offset() - (entry.getValue() == null ? 0 : entry.getValue().offset())).sum();
    }

    private void latency(String name, int base, IntPredicate healthy) throws Exception {
        int count = LATENCY_EVENTS;
        long[] sentAt = new long[count];
        receiver.expect(base, count);
        try (BenchKafka.Arrivals kafka = new BenchKafka.Arrivals(bootstrap, TOPIC, base, count);
                BenchKafka.Arrivals twin = new BenchKafka.Arrivals(bootstrap, TOPIC, base, count)) {
            publishSteadily(base, sentAt);
            awaitDeliveries(count, healthy, Duration.ofMinutes(2));
            long[] latencies = sortedLatencies(count, healthy, receiver::receivedAt, sentAt);
            print(name + "_events", latencies.length);
            print(name + "_lost", printPercentiles(name, latencies));
            // baseline: the same events' publish-to-consume by a plain consumer
            long[] consumed = sortedLatencies(count, healthy, kafka::at, sentAt);
            print(name + "_kafka_p50_ms", percentile(consumed, 50) / 1e6);
            print(name + "_kafka_p99_ms", percentile(consumed, 99) / 1e6);
            // and by an identical second one: how far two plain consumers' p99 differ in the same run is
            // the resolution of the ratio above on this machine
            print(name + "_kafka_twin_p99_ms", percentile(sortedLatencies(count, healthy, twin::at, sentAt), 99) / 1e6);
        }
    }

    private static long[] sortedLatencies(int count, IntPredicate counted, IntToLongFunction arrivedAt, long[] sentAt) {
        return IntStream.range(0, count).filter(counted)
                .mapToLong(i -> arrivedAt.applyAsLong(i) == 0 ? Long.MAX_VALUE : arrivedAt.applyAsLong(i) - sentAt[i]).sorted().toArray();
    }

    private void publishAtOnce(int base, int count) {
        publishAtOnce(TOPIC, base, count);
    }

    private void publishAtOnce(String topic, int base, int count) {
        Properties props = BenchKafka.producerProperties(bootstrap, "5");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                ProducerRecord<String, byte[]> record = record(base + i, i);
                producer.send(new ProducerRecord<>(topic, record.key(), record.value()));
            }
            producer.flush();
        }
    }

    private void publishSteadily(int base, long[] sentAt) throws InterruptedException {
        Properties props = BenchKafka.producerProperties(bootstrap, "0");
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            clock.scheduleAtFixedRate(() -> {
                int i = next.getAndIncrement();
                if (i < sentAt.length) {
                    sentAt[i] = System.nanoTime();
                    producer.send(record(base + i, i));
                }
            }, 0, 1_000_000 / LATENCY_RATE_PER_S, TimeUnit.MICROSECONDS);
            while (next.get() < sentAt.length) {
                Thread.sleep(50);
            }
            clock.shutdown();
            clock.awaitTermination(5, TimeUnit.SECONDS);
            producer.flush();
        }
    }

    private ProducerRecord<String, byte[]> record(int number, int index) {
        String site = account.hooks.get(index % account.hooks.size()).siteId();
        return new ProducerRecord<>(TOPIC, site, event(site, "bench-" + number));
    }

    private static byte[] event(String site, String session) {
        return ("{\"event\":\"goal.converted\",\"site_id\":\"" + site + "\",\"goal\":{\"id\":17,\"name\":\"Signup\"},"
                + "\"monetary_value\":49.00,\"visitor_id\":\"anon_7f3a2c\",\"session_id\":\"" + session + "\","
                + "\"url\":\"https://example.com/thank-you\",\"timestamp\":\"2025-04-24T14:32:08Z\"}").getBytes(StandardCharsets.UTF_8);
    }

    private void awaitDeliveries(int count, IntPredicate counted, Duration limit) throws InterruptedException {
        int wanted = (int) IntStream.range(0, count).filter(counted).count();
        long deadline = System.nanoTime() + limit.toNanos();
        while (delivered(count, counted) < wanted && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private int delivered(int count, IntPredicate counted) {
        return (int) IntStream.range(0, count).filter(counted).filter(i -> receiver.receivedAt(i) != 0).count();
    }

    private long lastReceipt(int count, IntPredicate counted) {
        return IntStream.range(0, count).filter(counted).mapToLong(receiver::receivedAt).max().orElse(0);
    }

    /** The connections the dispatcher may hold to the receiver: per port, its webhooks' shares up to the host ceiling. */
    private int connections() {
        int hooksPerPort = (account.hooks.size() + RECEIVER_PORTS - 1) / RECEIVER_PORTS;
        return Math.min(PER_HOST, PER_WEBHOOK * hooksPerPort) * RECEIVER_PORTS;
    }

    private record Wrk(double rate, double cpuUsPerRequest) {
    }

    /**
     * wrk against the same receiver with the same signed body and as many connections as the
     * dispatcher may hold; its own CPU per request is read from the shell that waited for it
     * (cutime + cstime of /proc/[shell]/stat).
     */
    private Wrk wrk() throws Exception {
        BenchAccount.Hook hook = account.hooks.get(0);
        byte[] body = event(hook.siteId(), "wrk");
        String signature = SpecSignature.of(SpecSignature.key(hook.secret()), body);
        Path script = Files.createTempFile("bench-wrk", ".lua");
        Files.writeString(script, "wrk.method = \"POST\"\nwrk.body = '" + new String(body, StandardCharsets.UTF_8) + "'\n"
                + "wrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.headers[\"X-Statalog-Signature\"] = \"" + signature + "\"\n");
        Process wrk = new ProcessBuilder("sh", "-c", "wrk -t2 -c" + connections() + " -d10s -s " + script + " "
                + BenchAccount.receiverUrl(receiver, 0) + " && echo && cat /proc/$$/stat").redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Files.delete(script);
        Matcher rate = Pattern.compile("Requests/sec:\\s+([0-9.]+)").matcher(out);
        Matcher requests = Pattern.compile("([0-9]+) requests in").matcher(out);
        if (!rate.find() || !requests.find() || receiver.badSignatures.get() > 0) {
            throw new IllegalStateException("wrk did not run as expected:\n" + out);
        }
        String stat = out.strip().substring(out.strip().lastIndexOf('\n') + 1);
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        double childTicks = Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
        return new Wrk(Double.parseDouble(rate.group(1)), childTicks / StackProcesses.TICKS_PER_S * 1e6 / Long.parseLong(requests.group(1)));
    }

    private static long percentile(long[] sorted, int p) {
        return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    static void print(String key, double value) {
        System.out.println(key + "=" + (value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value)));
    }
}
