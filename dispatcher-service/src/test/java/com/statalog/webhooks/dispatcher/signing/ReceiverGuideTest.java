package com.statalog.webhooks.dispatcher.signing;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.statalog.webhooks.dispatcher.TestHook;
import com.statalog.webhooks.dispatcher.webhook.WebhookDirectory;
import com.statalog.webhooks.testkit.ConfigTopic;
import com.statalog.webhooks.testkit.Receiver;

/**
 * The receiver guide's examples (docs/receivers/), each run as the program a user would run,
 * against real deliveries from this dispatcher: they accept both signature schemes as delivered,
 * and refuse a tampered body, a wrong secret and a replayed (old) Standard Webhooks timestamp. The
 * Node.js example verifies with the reference library (npm standardwebhooks), also across a secret
 * rotation. Needs node (with `npm ci` run in docs/receivers/node), python3 and php: deploy/local/test.sh.
 */
@QuarkusTest
class ReceiverGuideTest {

    private static final Path EXAMPLES = Path.of("..", "docs", "receivers").toAbsolutePath().normalize();
    private static final Duration WITHIN = Duration.ofSeconds(30);
    private static final Receiver RECORDER = new Receiver();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Inject
    WebhookDirectory directory;

    enum Example {
        JAVA("java"), NODE("node"), PYTHON("python"), PHP("php");

        final String directory;

        Example(String directory) {
            this.directory = directory;
        }

        List<String> command(int port) {
            return switch (this) {
                case JAVA -> List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx64m", "StatalogReceiver.java");
                case NODE -> List.of("node", "receiver.mjs");
                case PYTHON -> List.of("python3", "receiver.py");
                case PHP -> List.of("php", "-S", "127.0.0.1:" + port, "receiver.php");
            };
        }
    }

    @AfterAll
    static void stopRecorder() {
        RECORDER.close();
    }

    @ParameterizedTest
    @EnumSource(Example.class)
    void theExampleAcceptsRealDeliveriesAndRefusesForgeriesAndReplays(Example example) throws Exception {
        String secret = newSecret();
        try (Running receiver = Running.start(example, secret)) {
            for (String scheme : List.of("/statalog", "/standard")) {
                TestHook hook = new TestHook(receiver.url(scheme), secret, directory);
                hook.send();
                JsonNode attempt = hook.attempts(1).get(0);
                assertEquals(204, attempt.get("status_code").asInt(), example + scheme + " refused a real delivery");
            }

            Receiver.Received delivered = recordedDelivery(secret, example.name());
            Map<String, String> headers = signatureHeaders(delivered);
            byte[] tampered = (new String(delivered.body(), StandardCharsets.UTF_8) + " ").getBytes(StandardCharsets.UTF_8);
            for (String scheme : List.of("/statalog", "/standard")) {
                assertEquals(204, receiver.post(scheme, headers, delivered.body()), example + scheme + " as delivered");
                assertEquals(401, receiver.post(scheme, headers, tampered), example + scheme + " with a tampered body");
            }
            String wrongStandard = "v1," + Base64.getEncoder().encodeToString(new byte[32]);
            Map<String, String> wrongSignatures = new HashMap<>(headers);
            wrongSignatures.put("X-Statalog-Signature", "sha256=" + "0".repeat(64));
            wrongSignatures.put("webhook-signature", wrongStandard);
            for (String scheme : List.of("/statalog", "/standard")) {
                assertEquals(401, receiver.post(scheme, wrongSignatures, delivered.body()), example + scheme + " with a wrong signature");
            }
            // after a rotation the header lists two: one matching is enough
            Map<String, String> twoSignatures = new HashMap<>(headers);
            twoSignatures.put("webhook-signature", wrongStandard + " " + headers.get("webhook-signature"));
            assertEquals(204, receiver.post("/standard", twoSignatures, delivered.body()), example + " with two signatures");

            // a request captured ten minutes ago carries a valid signature for its own, old timestamp
            long tenMinutesAgo = Instant.now().minusSeconds(600).getEpochSecond();
            assertEquals(401, receiver.post("/standard", resigned(headers, delivered.body(), secret, tenMinutesAgo),
                    delivered.body()), example + " accepted a replayed request");
            assertEquals(204, receiver.post("/standard", resigned(headers, delivered.body(), secret, Instant.now().getEpochSecond()),
                    delivered.body()), example + " refused a fresh one signed the same way");
        }
    }

    @Test
    void afterARotationTheReferenceLibraryAcceptsTheOldSecretDuringTheGracePeriodOnly() throws Exception {
        String before = newSecret();
        String after = newSecret();
        try (Running receiver = Running.start(Example.NODE, before)) {
            TestHook rotated = new TestHook(receiver.url("/standard"), after, directory);
            rotated.publish(receiver.url("/standard"), true, after, ConfigTopic.previousSecret(rotated.id, before,
                    Instant.now().plusSeconds(3600)));
            await().atMost(WITHIN).until(() -> directory.webhook(rotated.id).previousSigning() != null);
            rotated.send();
            assertEquals(204, rotated.attempts(1).get(0).get("status_code").asInt(), "the old secret's signature is listed");

            rotated.publish(receiver.url("/standard"), true, after, ConfigTopic.previousSecret(rotated.id, before,
                    Instant.now().minusSeconds(1)));
            await().atMost(WITHIN).until(() -> directory.webhook(rotated.id).previousSigning() == null);
            rotated.send();
            assertEquals(401, rotated.attempts(2).get(1).get("status_code").asInt(), "the grace period is over");
        }
    }

    private Receiver.Received recordedDelivery(String secret, String name) {
        String path = "/recorded-" + name;
        new TestHook(RECORDER.url(path), secret, directory).send();
        await().atMost(WITHIN).until(() -> !RECORDER.received(path).isEmpty());
        return RECORDER.received(path).get(0);
    }

    private static Map<String, String> signatureHeaders(Receiver.Received delivered) {
        Map<String, String> headers = new HashMap<>();
        for (String name : List.of("X-Statalog-Signature", "X-Statalog-Event", "X-Statalog-Delivery", "webhook-id",
                "webhook-timestamp", "webhook-signature")) {
            headers.put(name, delivered.header(name));
        }
        return headers;
    }

    private static Map<String, String> resigned(Map<String, String> headers, byte[] body, String secret, long timestamp) {
        Map<String, String> copy = new HashMap<>(headers);
        copy.put("webhook-timestamp", Long.toString(timestamp));
        copy.put("webhook-signature", StandardSignature.of(List.of(SigningKeys.of(secret.getBytes(StandardCharsets.UTF_8)).standard()),
                headers.get("webhook-id"), timestamp, body));
        return copy;
    }

    private static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return "whsec_" + Base64.getEncoder().encodeToString(bytes);
    }

    /** An example receiver as a process of its own, on a free port. */
    private record Running(Process process, int port) implements AutoCloseable {

        static Running start(Example example, String secret) throws IOException {
            Path directory = EXAMPLES.resolve(example.directory);
            assertTrue(example != Example.NODE || Files.isDirectory(directory.resolve("node_modules")),
                    "run `npm ci` in " + directory + " first (deploy/local/test.sh does)");
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            Path log = Path.of("target", "receiver-" + example.directory + ".log");
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(example.command(port))).directory(directory.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put("PORT", Integer.toString(port));
            builder.environment().put("STATALOG_WEBHOOK_SECRET", secret);
            Running running = new Running(builder.start(), port);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", running.port), 200);
                    return true;
                } catch (IOException notYet) {
                    assertTrue(running.process.isAlive(), example + " receiver exited: " + Files.readString(log));
                    return false;
                }
            });
            return running;
        }

        String url(String path) {
            return "http://127.0.0.1:" + port + path;
        }

        int post(String path, Map<String, String> headers, byte[] body) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach((name, value) -> {
                if (value != null) {
                    request.header(name, value);
                }
            });
            try {
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException closedAsReused) {
                // the example servers close connections on their own terms (Python's after every HTTP/1.0 answer), and
                // the JDK client may have taken one for reuse just then ("header parser received no bytes"): once more
                return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            }
        }

        @Override
        public void close() {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
