package com.statalog.webhooks.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Malformed records for an input topic, and what became of them: each is published as is, then
 * looked for on the dead-letter topic by its exact key and value bytes.
 */
public final class PoisonRecords {

    /** One malformed record and the reason it must be dead-lettered with. */
    public record Poison(String name, String key, byte[] value, String reason) {
    }

    private PoisonRecords() {
    }

    public static void publish(String topic, List<Poison> corpus) {
        for (Poison poison : corpus) {
            TestKafkaClient.send(topic, poison.key() == null ? null : poison.key().getBytes(StandardCharsets.UTF_8), poison.value());
        }
    }

    /**
     * Fails unless every poison of the corpus is on the dead-letter topic within {@code timeout},
     * with a {@code dead-letter-reason} header starting with its expected reason.
     */
    public static void assertDeadLettered(String deadLetterTopic, List<Poison> corpus, Duration timeout) {
        Map<String, String> reasons = deadLetterReasons(deadLetterTopic, corpus, timeout);
        for (Poison poison : corpus) {
            String reason = reasons.get(poison.name());
            if (reason == null) {
                throw new AssertionError(poison.name() + ": no dead-letter-reason header");
            }
            if (!reason.startsWith(poison.reason())) {
                throw new AssertionError(poison.name() + ": " + reason);
            }
        }
        if (reasons.size() != corpus.size()) {
            throw new AssertionError("dead-lettered " + reasons.size() + " of " + corpus.size());
        }
    }

    /** The dead-letter reason of every poison of the corpus, by name; fails if one is missing after {@code timeout}. */
    private static Map<String, String> deadLetterReasons(String deadLetterTopic, List<Poison> corpus, Duration timeout) {
        Map<String, Poison> awaited = new LinkedHashMap<>();
        corpus.forEach(poison -> awaited.put(poison.name(), poison));
        Map<String, String> reasons = new HashMap<>();
        TestKafkaClient.readUntil(deadLetterTopic, record -> {
            awaited.values().removeIf(poison -> {
                boolean found = Objects.equals(poison.key(), record.key()) && Arrays.equals(poison.value(), record.value());
                if (found) {
                    var header = record.headers().lastHeader("dead-letter-reason");
                    reasons.put(poison.name(), header == null ? null : new String(header.value(), StandardCharsets.UTF_8));
                }
                return found;
            });
            return awaited.isEmpty();
        }, timeout);
        return reasons;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Bytes that are not UTF-8 (an invalid two-byte sequence and a byte UTF-8 never uses) between two texts. */
    public static byte[] withInvalidUtf8(String before, String after) {
        byte[] head = utf8(before);
        byte[] tail = utf8(after);
        byte[] all = Arrays.copyOf(head, head.length + 3 + tail.length);
        all[head.length] = (byte) 0xC3;
        all[head.length + 1] = (byte) 0x28;
        all[head.length + 2] = (byte) 0xFF;
        System.arraycopy(tail, 0, all, head.length + 3, tail.length);
        return all;
    }
}
