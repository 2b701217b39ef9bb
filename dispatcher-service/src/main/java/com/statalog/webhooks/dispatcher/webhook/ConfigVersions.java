package com.statalog.webhooks.dispatcher.webhook;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import com.statalog.webhooks.contracts.KafkaHeaders;

/**
 * The newest version seen of each configuration entity (header {@code statalog-config-version},
 * docs/config-topic.md), tombstones included. A message no newer than what is held is older
 * state published late — a republished snapshot relayed after a change that committed meanwhile
 * — and must not be applied. A message without a version (a registry older than versions) is
 * applied as it comes. Used by the configuration reader's single thread.
 */
final class ConfigVersions {

    private final Map<String, Long> newest = new HashMap<>();

    /** Whether the message of {@code key} with these headers is newer than the state held, noting it if so. */
    boolean newer(String key, Headers headers) {
        Header header = headers.lastHeader(KafkaHeaders.CONFIG_VERSION);
        if (header == null || header.value() == null) {
            return true;
        }
        long version;
        try {
            version = Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return true;
        }
        Long held = newest.get(key);
        if (held != null && version <= held) {
            return false;
        }
        newest.put(key, version);
        return true;
    }

    /** Forgets what is held of {@code key}: the entity is not held (refused), so no version of it is kept either. */
    void forget(String key) {
        newest.remove(key);
    }
}
