package com.statalog.webhooks.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Properties;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The retry and configuration consumers are made by hand: they must connect with the channels' kafka.* settings. */
@QuarkusTest
class KafkaClientSettingsTest {

    @Inject
    KafkaClientSettings settings;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void everyKafkaSettingReachesTheHandMadeClientsBesideTheirOwn() {
        Properties properties = settings.with(Map.of("group.id", "own-group", "client.dns.lookup", "default"));

        assertEquals(bootstrapServers, properties.get("bootstrap.servers"));
        assertEquals("own-group", properties.get("group.id"));
        assertEquals("default", properties.get("client.dns.lookup"), "a client's own setting wins");
        assertEquals("use_all_dns_ips", settings.with(Map.of()).get("client.dns.lookup"));
    }
}
