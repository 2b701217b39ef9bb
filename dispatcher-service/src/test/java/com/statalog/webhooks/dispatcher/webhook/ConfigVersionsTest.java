package com.statalog.webhooks.dispatcher.webhook;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import com.statalog.webhooks.contracts.KafkaHeaders;

/** Only a newer version of an entity is applied; messages without one are applied as they come. */
class ConfigVersionsTest {

    private final ConfigVersions versions = new ConfigVersions();

    @Test
    void olderAndEqualVersionsAreNotAppliedAfterANewerOne() {
        assertTrue(versions.newer("webhook:a", version("5")));
        assertFalse(versions.newer("webhook:a", version("3")), "a snapshot relayed late");
        assertFalse(versions.newer("webhook:a", version("5")), "the same state again");
        assertTrue(versions.newer("webhook:a", version("6")));
        assertTrue(versions.newer("webhook:b", version("1")), "per entity");
    }

    @Test
    void aMessageWithoutAReadableVersionIsApplied() {
        assertTrue(versions.newer("webhook:a", version("7")));
        assertTrue(versions.newer("webhook:a", new RecordHeaders()), "from a registry older than versions");
        assertTrue(versions.newer("webhook:a", version("x")));
    }

    private static Headers version(String value) {
        return new RecordHeaders().add(KafkaHeaders.CONFIG_VERSION, value.getBytes(StandardCharsets.US_ASCII));
    }
}
