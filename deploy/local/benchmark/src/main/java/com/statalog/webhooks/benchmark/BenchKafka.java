package com.statalog.webhooks.benchmark;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the benchmarks share about Kafka: how they publish, and the raw-consume baseline. */
final class BenchKafka {

    private BenchKafka() {
    }

    /** A producer batching for throughput: large lz4 batches, lingering {@code lingerMs}. */
    static Properties producerProperties(String bootstrap, String lingerMs) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, lingerMs);
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }

    /** What a plain consumer took: wall time, records read (all of the topic's, not only those counted), this JVM's CPU. */
    record RawConsume(double seconds, long recordsRead, double cpuSeconds) {
    }

    /**
     * The baseline "Kafka limit": how long a plain consumer (a new group) takes to read, from the
     * start of the topic, {@code count} records whose key starts with {@code keyPrefix}.
     */
    static RawConsume rawConsume(String bootstrap, String topic, String group, String keyPrefix, int count) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        byte[] prefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
        long start = System.nanoTime();
        Duration cpuAtStart = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        long read = 0;
        long all = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (read < count) {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    all++;
                    byte[] key = record.key();
                    if (key != null && key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length)) {
                        read++;
                    }
                }
            }
        }
        double cpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(cpuAtStart).toNanos() / 1e9;
        return new RawConsume((System.nanoTime() - start) / 1e9, all, cpu);
    }

    /**
     * A plain consumer that reads a topic from its current end and notes when each benchmark event
     * (numbered {@code base + index} in its {@code session_id}) arrives: publish-to-consume, the
     * part of a delivery's latency that is Kafka's, measured beside it.
     */
    static final class Arrivals implements AutoCloseable {

        private static final String MARK = "\"session_id\":\"bench-";

        private final long[] arrivedAt;
        private final int base;
        private final Thread reader;
        private volatile boolean reading = true;

        Arrivals(String bootstrap, String topic, int base, int count) {
            this.arrivedAt = new long[count];
            this.base = base;
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // the seek happens now, before anything is published
            reader = new Thread(() -> {
                try (consumer) {
                    while (reading) {
                        for (var record : consumer.poll(Duration.ofMillis(100))) {
                            noteArrival(new String(record.value(), StandardCharsets.UTF_8), System.nanoTime());
                        }
                    }
                }
            }, "kafka-arrivals");
            reader.start();
        }

        private void noteArrival(String event, long now) {
            int mark = event.indexOf(MARK);
            if (mark < 0) {
                return;
            }
            int from = mark + MARK.length();
            int to = event.indexOf('"', from);
            int index = Integer.parseInt(event, from, to, 10) - base;
            if (index >= 0 && index < arrivedAt.length && arrivedAt[index] == 0) {
                arrivedAt[index] = now;
            }
        }

        /** {@link System#nanoTime} when event {@code index} was consumed, 0 if it was not. */
        long at(int index) {
            return arrivedAt[index];
        }

        @Override
        public void close() throws InterruptedException {
            reading = false;
            reader.join();
        }
    }
}
