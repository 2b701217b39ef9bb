package com.statalog.webhooks.registry.webhook;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.ConnectionRecorder;
import com.statalog.webhooks.testkit.TestEvents;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Over forty spellings of a target that must never be reached — loopback, private, link-local
 * and metadata addresses in every notation Java or a resolver accepts, names resolving to them,
 * userinfo and Unicode tricks — are refused twice: by the registry when saved (422), and by the
 * dispatcher when sent, for a webhook that reached it without the registry (as an old or
 * hand-made configuration record would). Every form points at a port on which a listener on all
 * of this machine's addresses counts connections: it must count none (forms naming other
 * machines' private addresses are judged by the attempt's error kind). Production rules apply (no private targets); names
 * resolve through DispatcherTestResource's hosts file.
 */
@QuarkusTest
class SsrfCorpusTest {

    private static final ConnectionRecorder LISTENER = new ConnectionRecorder();
    private static final String SECRET = "whsec_c3NyZi1zc3JmLXNzcmYtc3NyZi1zc3JmLXNzcmYtc3M=";
    private static final Set<String> REFUSED_AT_SEND = Set.of("blocked_address", "dns");
    private final ObjectMapper json = new ObjectMapper();

    @AfterAll
    static void stopListener() {
        LISTENER.close();
    }

    static List<String> corpus() {
        int port = LISTENER.port();
        List<String> hosts = List.of(
                // IPv4 loopback in every notation inet_aton and URL parsers accept
                "127.0.0.1", "127.1", "127.0.1", "2130706433", "0x7f000001", "0x7f.0x0.0x0.0x1", "0177.0.0.1", "017700000001",
                "0177.1", "127.000.000.001", "127.255.255.254", "0", "0.0.0.0",
                // IPv6 loopback, IPv4-mapped, IPv4-compatible, NAT64, unspecified, link-local, unique local
                "[::1]", "[0:0:0:0:0:0:0:1]", "[::ffff:127.0.0.1]", "[::ffff:7f00:1]", "[::127.0.0.1]", "[64:ff9b::127.0.0.1]",
                "[64:ff9b::7f00:1]", "[::]", "[fe80::1%25lo]", "[::ffff:169.254.169.254]", "[fd00::1]", "[fd00:ec2::254]",
                // private, carrier-grade NAT and metadata addresses
                "10.0.0.1", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.100.100.200", "[::ffff:10.0.0.1]",
                // names: localhost spelt every way, names the hosts file resolves to forbidden addresses, one resolving nowhere
                "localhost", "localhost.", "LOCALHOST", "localhost..", "loopback.example.com", "loopback.example.com.",
                "intranet.example.com", "metadata.example.com", "cgnat.example.com", "mixed.example.com", "nowhere.example.com",
                // Unicode: full-width letters, circled digits, a Cyrillic o
                "ｌｏｃａｌｈｏｓｔ", "①②⑦.0.0.1", "lоcalhost");
        List<String> urls = new ArrayList<>();
        hosts.forEach(host -> urls.add("https://" + host + ":" + port + "/hook"));
        // userinfo and delimiter tricks: the host a careless parser sees is public
        urls.add("https://hooks.example.com@127.0.0.1:" + port + "/hook");
        urls.add("https://hooks.example.com:443@127.0.0.1:" + port + "/hook");
        urls.add("https://127.0.0.1:" + port + "#@hooks.example.com/hook");
        urls.add("https://127.0.0.1:" + port + "?@hooks.example.com/hook");
        urls.add("https://127.0.0.1:" + port + "\\@hooks.example.com/hook");
        urls.add("http://127.0.0.1:" + port + "/hook");
        return urls;
    }

    /**
     * Where the hosts file resolves the corpus's names (and no corpus URL spells out): an account
     * user must never learn them from a refusal.
     */
    private static final List<String> RESOLVED_INTERNALLY = List.of("10.1.2.3", "100.64.0.1", "192.168.1.10");

    @Test
    void everyFormIsRefusedWhenSavedAndWhenSentAndNothingConnects() throws IOException {
        int before = LISTENER.connections();
        List<String> corpus = corpus();
        assertTrue(corpus.size() >= 40, "a corpus of at least 40 forms: " + corpus.size());
        Tenant tenant = Api.newTenant();
        for (String url : corpus) {
            var refused = tenant.request().body(Map.of("name", "ssrf", "url", url, "events", List.of("goal.converted")))
                    .when().post("/api/v1/webhooks").then().extract();
            assertEquals(422, refused.statusCode(), "saved: " + url);
            assertEquals("url", refused.path("errors[0].field"), "saved: " + url);
            String message = refused.asString();
            RESOLVED_INTERNALLY.forEach(address -> assertFalse(message.contains(address),
                    "the refusal of " + url + " names the address its host resolves to: " + message));
        }

        UUID account = UUID.randomUUID();
        String site = "ST-SSRF-" + UUID.randomUUID().toString().substring(0, 8);
        ConfigTopic.site(site, account);
        Map<String, String> urlByWebhook = new LinkedHashMap<>();
        for (String url : corpus) {
            UUID webhook = UUID.randomUUID();
            ConfigTopic.webhook(new ConfigTopic.Webhook(webhook, account, site, url, List.of("goal.converted"), 50, 50, true, SECRET));
            urlByWebhook.put(webhook.toString(), url);
        }
        urlByWebhook.keySet().forEach(webhook -> Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook));
        TestKafkaClient.send("statalog.events", site, TestEvents.goal(site));

        Map<String, String> errors = firstAttemptErrors(urlByWebhook.keySet());
        urlByWebhook.forEach((webhook, url) -> assertTrue(REFUSED_AT_SEND.contains(errors.get(webhook)), "sent: " + url + " -> " + errors.get(webhook)));
        assertEquals(before, LISTENER.connections(), "connections made to a forbidden target");
        System.out.printf("ssrf corpus: %d forms refused at save (422) and at send %s; 0 connections%n", corpus.size(),
                errors.values().stream().collect(Collectors.groupingBy(kind -> kind, TreeMap::new, Collectors.counting())));

        // and the listener would have seen one
        try (Socket probe = new Socket("127.0.0.1", LISTENER.port())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> LISTENER.connections() == before + 1);
        }
    }

    @Test
    void aNameThatResolvesElsewhereAtSendThanAtSaveIsRefusedAtSend() throws IOException {
        Path hosts = Path.of("target", "test-hosts");
        String original = Files.readString(hosts);
        int before = LISTENER.connections();
        try {
            Files.writeString(hosts, original + "93.184.215.14 rebind.example.com\n");
            Tenant tenant = Api.newTenant();
            String url = "https://rebind.example.com:" + LISTENER.port() + "/hook";
            String webhook = tenant.request().body(Map.of("name", "rebind", "url", url, "events", List.of("goal.converted"),
                    "site_id", tenant.siteId())).post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
            Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), webhook);

            // the name now points at loopback, where the listener waits
            Files.writeString(hosts, original + "127.0.0.1 rebind.example.com\n");
            // the dispatcher keeps a verdict 10 s (and the JDK a name 1 s here): events until an attempt resolves it anew
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                TestKafkaClient.send("statalog.events", tenant.siteId(), TestEvents.goal(tenant.siteId()));
                return attemptErrors(webhook).contains("blocked_address");
            });
            assertEquals(before, LISTENER.connections(), "connections made to the rebound name");
        } finally {
            Files.writeString(hosts, original);
        }
    }

    /** The error kind of the first attempt of each webhook, read from the attempt topic once all have one. */
    private Map<String, String> firstAttemptErrors(Set<String> webhooks) {
        Map<String, String> errors = new HashMap<>();
        TestKafkaClient.readUntil("statalog.webhook-attempts", record -> {
            if (webhooks.contains(record.key())) {
                errors.put(record.key(), read(record.value()).path("error").asText(null));
            }
            return errors.keySet().containsAll(webhooks);
        }, Duration.ofSeconds(60));
        return errors;
    }

    private List<String> attemptErrors(String webhook) {
        return TestKafkaClient.readToEnd("statalog.webhook-attempts").stream().filter(record -> webhook.equals(record.key()))
                .map(record -> read(record.value()).path("error").asText(null)).toList();
    }

    private JsonNode read(byte[] value) {
        try {
            return json.readTree(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
