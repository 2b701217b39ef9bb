package com.statalog.webhooks.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import com.statalog.webhooks.contracts.KafkaHeaders;
import com.statalog.webhooks.contracts.config.ConfigKey;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.DispatcherProcess;
import com.statalog.webhooks.testkit.KafkaProcess;
import com.statalog.webhooks.testkit.ServiceProcess;

/**
 * The dispatcher's configuration at scale (docs/delivery.md, "Bounded configuration"), on the
 * packaged dispatcher and its own broker:
 * <ol>
 * <li>the service's own live heap, on an empty configuration topic, with the local stack's heap and
 * the default bounds (and the configuration budget that heap gives);</li>
 * <li>the load at start of BIG webhooks of typical size (a short URL, no goal filter) on one site and
 * 10 on another: time to loaded, resident memory, live heap per webhook against the estimate;</li>
 * <li>the cost of applying one change at BIG webhooks on one site against 10 on one site, in the
 * same run: CHANGES updates applied to each, in turns, timed from the first sent until the
 * dispatcher counts them all applied ({@code statalog_config_messages_applied_total}): Kafka's
 * path included, which is the same for both;</li>
 * <li>the live heap per webhook, against the estimate, of webhooks of typical size each on a site of
 * its own, and of webhooks of the largest size the registry allows (a 2048-character URL, 50 goal
 * names of 100 characters), each set deleted again after (a delete gives its heap back, but for
 * the versions of the deleted entities, which the dispatcher keeps).</li>
 * </ol>
 * The bounds are lifted for steps 2–4 (one account holds BIG webhooks), which measure, not refuse.
 * Arguments: [BIG] [CHANGES] [TYPICAL] [LARGEST] (default 100000 20000 100000 5000); the dispatcher's
 * heap is -Ddispatcher.heap (default 256m, the Kubernetes manifests'). Run by bench/config-scale.sh.
 */
public final class ConfigScaleBenchmark {

    private static final String SECRET = "whsec_Y29uZmlnLXNjYWxlLWNvbmZpZy1zY2FsZS1jb25maWc=";
    private static final String EMPTY_TOPIC = "statalog.webhook-config.empty";
    private static final Map<String, String> LIFTED_BOUNDS = Map.of("STATALOG_CONFIG_MAX_WEBHOOKS_PER_ACCOUNT", "10000000",
            "STATALOG_CONFIG_MAX_ACCOUNT_SHARE", "1", "STATALOG_CONFIG_MAX_HEAP_SHARE", "0.95");

    public static void main(String[] args) throws Exception {
        int big = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int changes = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int typical = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        int largest = args.length > 3 ? Integer.parseInt(args[3]) : 5_000;
        String heap = System.getProperty("dispatcher.heap", "256m");
        try (KafkaProcess kafka = KafkaProcess.startTemporary()) {
            String bootstrap = kafka.bootstrapServers();
            createEmptyTopic(bootstrap);
            serviceBaseline(bootstrap);

            UUID bigAccount = UUID.randomUUID();
            UUID smallAccount = UUID.randomUUID();
            List<ConfigTopic.Webhook> bigSite = webhooks(bigAccount, "ST-BIG", big, "big");
            List<ConfigTopic.Webhook> smallSite = webhooks(smallAccount, "ST-SMALL", 10, "small");
            try (Publisher publisher = new Publisher(bootstrap)) {
                publisher.site("ST-BIG", bigAccount);
                publisher.site("ST-SMALL", smallAccount);
                bigSite.forEach(webhook -> publisher.webhook(webhook, null));
                smallSite.forEach(webhook -> publisher.webhook(webhook, null));
            }
            long start = System.nanoTime();
            try (ServiceProcess dispatcher = DispatcherProcess.start(bootstrap, true, List.of("-Xmx" + heap), "config-scale-dispatcher",
                    LIFTED_BOUNDS)) {
                DispatcherMemory.awaitLoaded(dispatcher, big + 10);
                print("dispatcher_heap_max_mb", dispatcher.metric("jvm_memory_max_bytes{area=\"heap\"") / 1e6);
                print("big_site_webhooks", big);
                print("ready_s_loaded", (System.nanoTime() - start) / 1e9);
                print("rss_mb_loaded", DispatcherMemory.rssMb(dispatcher.pid()));
                double loadedMb = DispatcherMemory.liveHeapMb(dispatcher);
                print("heap_live_mb_loaded", loadedMb);
                print("estimate_bytes_per_webhook_big_site", dispatcher.metric("statalog_config_heap_estimated_bytes") / (big + 10));

                changeCost(dispatcher, bootstrap, bigSite, smallSite, changes);
                try (Publisher publisher = new Publisher(bootstrap)) {
                    bigSite.forEach(webhook -> publisher.deleteWebhook(webhook.id()));
                }
                DispatcherMemory.awaitUnloaded(dispatcher, 10);

                perWebhook(dispatcher, bootstrap, "typical", typical, false);
                perWebhook(dispatcher, bootstrap, "largest", largest, true);
            }
        }
    }

    /** The live heap of a dispatcher holding nothing, with the local stack's heap and the default bounds. */
    private static void serviceBaseline(String bootstrap) throws Exception {
        long start = System.nanoTime();
        try (ServiceProcess empty = DispatcherProcess.start(bootstrap, true, List.of("-Xmx96m"), "config-scale-empty",
                Map.of("STATALOG_TOPICS_WEBHOOK_CONFIG", EMPTY_TOPIC))) {
            print("ready_s_empty", (System.nanoTime() - start) / 1e9);
            print("heap_live_mb_empty_96m", DispatcherMemory.liveHeapMb(empty));
            print("heap_max_mb_96m", empty.metric("jvm_memory_max_bytes{area=\"heap\"") / 1e6);
            print("config_budget_mb_96m", empty.metric("statalog_config_heap_budget_bytes") / 1e6);
        }
    }

    /**
     * {@code changes} updates to the small site's webhooks and as many to the big site's, in turns
     * (small, big, small, big, …, eight turns): the first two warm up, the median of the other three
     * of each is the figure. An update republishes a webhook with another URL, which the directory
     * applies as a removal and an insertion.
     */
    private static void changeCost(ServiceProcess dispatcher, String bootstrap, List<ConfigTopic.Webhook> bigSite,
            List<ConfigTopic.Webhook> smallSite, int changes) throws Exception {
        List<Double> small = new ArrayList<>();
        List<Double> large = new ArrayList<>();
        for (int turn = 0; turn < 8; turn++) {
            boolean bigTurn = turn % 2 == 1;
            List<ConfigTopic.Webhook> site = bigTurn ? bigSite : smallSite;
            List<ConfigTopic.Webhook> updates = new ArrayList<>(changes);
            for (int i = 0; i < changes; i++) {
                ConfigTopic.Webhook webhook = site.get((i * 7919) % site.size());
                updates.add(new ConfigTopic.Webhook(webhook.id(), webhook.accountId(), webhook.siteId(), webhook.url() + "?turn=" + turn + "&i=" + i,
                        webhook.events(), webhook.spike(), webhook.drop(), true, SECRET));
            }
            double appliedBefore = dispatcher.metric("statalog_config_messages_applied_total");
            long start = System.nanoTime();
            try (Publisher publisher = new Publisher(bootstrap)) {
                updates.forEach(webhook -> publisher.webhook(webhook, null));
            }
            long deadline = start + Duration.ofMinutes(5).toNanos();
            while (dispatcher.metric("statalog_config_messages_applied_total") < appliedBefore + changes) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the updates were not applied within 5 minutes");
                }
                Thread.sleep(20);
            }
            double perChangeUs = (System.nanoTime() - start) / 1e3 / changes;
            if (turn >= 2) {
                (bigTurn ? large : small).add(perChangeUs);
            }
        }
        print("changes_per_turn", changes);
        print("change_us_site_of_10", median(small));
        print("change_us_site_of_big", median(large));
        print("change_cost_ratio_big_to_10", median(large) / median(small));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Publishes {@code count} webhooks, each on a site of its own with an account of its own, measures
     * the live heap they add and their estimate, then deletes them (sites too) and measures again.
     */
    private static void perWebhook(ServiceProcess dispatcher, String bootstrap, String name, int count, boolean largest) throws Exception {
        double loadedBefore = dispatcher.metric("statalog_webhooks_loaded");
        double heapBefore = DispatcherMemory.liveHeapMb(dispatcher);
        double estimateBefore = dispatcher.metric("statalog_config_heap_estimated_bytes");
        List<String> goalNames = IntStream.range(0, 50).mapToObj(i -> String.format("%03d", i) + "g".repeat(97)).toList();
        List<ConfigTopic.Webhook> published = new ArrayList<>(count);
        try (Publisher publisher = new Publisher(bootstrap)) {
            for (int i = 0; i < count; i++) {
                UUID account = UUID.randomUUID();
                String site = "ST-" + name + "-" + i;
                String url = "https://hooks-" + (i % 10) + ".example.com/" + name + "/" + i;
                if (largest) {
                    url = url + "/" + "u".repeat(2048 - url.length() - 1);
                }
                ConfigTopic.Webhook webhook = new ConfigTopic.Webhook(UUID.randomUUID(), account, site, url, List.of("goal.converted"), 50,
                        50, true, SECRET);
                publisher.site(site, account);
                publisher.webhook(webhook, largest ? ConfigTopic.goals(List.of(), goalNames) : null);
                published.add(webhook);
            }
        }
        DispatcherMemory.awaitLoaded(dispatcher, (int) loadedBefore + count);
        double heapLoaded = DispatcherMemory.liveHeapMb(dispatcher);
        double estimate = dispatcher.metric("statalog_config_heap_estimated_bytes") - estimateBefore;
        print(name + "_webhooks", count);
        print(name + "_heap_bytes_per_webhook_with_its_site", (heapLoaded - heapBefore) * 1e6 / count);
        print(name + "_estimate_bytes_per_webhook_with_its_site", estimate / count);

        try (Publisher publisher = new Publisher(bootstrap)) {
            for (ConfigTopic.Webhook webhook : published) {
                publisher.deleteWebhook(webhook.id());
                publisher.deleteSite(webhook.siteId());
            }
        }
        DispatcherMemory.awaitUnloaded(dispatcher, (int) loadedBefore);
        print(name + "_heap_bytes_per_webhook_left_after_delete", (DispatcherMemory.liveHeapMb(dispatcher) - heapBefore) * 1e6 / count);
        print(name + "_estimate_left_after_delete", dispatcher.metric("statalog_config_heap_estimated_bytes") - estimateBefore);
    }

    private static List<ConfigTopic.Webhook> webhooks(UUID account, String site, int count, String name) {
        return IntStream.range(0, count).mapToObj(i -> new ConfigTopic.Webhook(UUID.randomUUID(), account, site,
                "https://hooks-" + (i % 10) + ".example.com/" + name + "/" + i, List.of("goal.converted"), 50, 50, true, SECRET)).toList();
    }

    private static void createEmptyTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(EMPTY_TOPIC, 1, (short) 1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        }
    }

    private static void print(String key, double value) {
        DispatchBenchmark.print(key, value);
    }

    /**
     * Writes configuration messages as the registry does (ConfigTopic), batched, each with a version
     * that only grows (header statalog-config-version): the dispatcher keeps the newest of every
     * entity, and that is part of what a loaded webhook costs.
     */
    private static final class Publisher implements AutoCloseable {

        private static final AtomicLong VERSIONS = new AtomicLong(System.currentTimeMillis() * 1000);
        private final KafkaProducer<String, String> producer;

        Publisher(String bootstrap) {
            this.producer = new KafkaProducer<>(BenchKafka.producerProperties(bootstrap, "20"), new StringSerializer(), new StringSerializer());
        }

        void site(String site, UUID account) {
            send(ConfigKey.site(site), ConfigTopic.siteMessage(site, account));
        }

        void webhook(ConfigTopic.Webhook webhook, ConfigTopic.Extra extra) {
            send(ConfigKey.webhook(webhook.id()), extra == null ? ConfigTopic.webhookMessage(webhook) : ConfigTopic.webhookMessage(webhook, extra));
        }

        void deleteWebhook(UUID id) {
            send(ConfigKey.webhook(id), null);
        }

        void deleteSite(String site) {
            send(ConfigKey.site(site), null);
        }

        private void send(String key, String value) {
            ProducerRecord<String, String> record = new ProducerRecord<>(ConfigTopic.TOPIC, key, value);
            record.headers().add(KafkaHeaders.CONFIG_VERSION, Long.toString(VERSIONS.incrementAndGet()).getBytes(StandardCharsets.US_ASCII));
            producer.send(record);
        }

        @Override
        public void close() {
            producer.flush();
            producer.close();
        }
    }
}
