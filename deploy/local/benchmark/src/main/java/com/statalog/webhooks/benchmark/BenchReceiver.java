package com.statalog.webhooks.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import javax.crypto.spec.SecretKeySpec;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.NetServer;

/**
 * The benchmark's endpoints: a fast receiver (Vert.x) that verifies every signature as the spec's
 * examples do and notes when each benchmark event first arrived, and a hanging endpoint that
 * accepts connections and never answers. Events are numbered in their {@code session_id}
 * ("bench-N"); the path names the webhook ({@code /hook/I}) and so the secret to verify with. On
 * the same ports, {@code /hang/I} never answers (a hanging webhook beside healthy ones on one
 * host) and {@code /flaky/I} answers 500 to the first request of each event, then 200: its
 * first failure is noted, so that the retry's lateness can be measured.
 */
final class BenchReceiver implements AutoCloseable {

    private static final byte[] MARKER = "\"session_id\":\"bench-".getBytes(StandardCharsets.US_ASCII);

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2));
    private final List<HttpServer> servers = new ArrayList<>();
    private final NetServer hanging;
    private volatile SecretKeySpec[] secrets = new SecretKeySpec[0];
    private volatile AtomicLongArray firstReceipt = new AtomicLongArray(0);
    private volatile AtomicLongArray firstFailure = new AtomicLongArray(0);
    private volatile int base;
    final AtomicInteger received = new AtomicInteger();
    final AtomicInteger duplicates = new AtomicInteger();
    final AtomicInteger badSignatures = new AtomicInteger();
    final AtomicInteger others = new AtomicInteger();

    BenchReceiver(int ports) {
        for (int i = 0; i < ports; i++) {
            HttpServer server = vertx.createHttpServer(new HttpServerOptions().setPort(0).setHost("127.0.0.1"));
            server.requestHandler(this::handle);
            servers.add(await(server.listen()));
        }
        hanging = await(vertx.createNetServer().connectHandler(socket -> socket.handler(ignored -> { })).listen(0, "127.0.0.1"));
    }

    int port(int i) {
        return servers.get(i % servers.size()).actualPort();
    }

    int ports() {
        return servers.size();
    }

    int hangingPort() {
        return hanging.actualPort();
    }

    /** The webhooks' signing secrets, by webhook index: keys are the secret strings' UTF-8 bytes, as in the spec. */
    void secrets(List<String> signingSecrets) {
        secrets = signingSecrets.stream().map(SpecSignature::key)
                .toArray(SecretKeySpec[]::new);
    }

    /** Forgets earlier receipts and expects events numbered base to base + count - 1. */
    void expect(int base, int count) {
        this.base = base;
        firstReceipt = new AtomicLongArray(count);
        firstFailure = new AtomicLongArray(count);
        received.set(0);
        duplicates.set(0);
        badSignatures.set(0);
        others.set(0);
    }

    /** System.nanoTime() of the first arrival of the i-th expected event, 0 if it has not arrived. */
    long receivedAt(int i) {
        return firstReceipt.get(i);
    }

    /** System.nanoTime() of the failed first request of the i-th expected event on a flaky path, 0 if none. */
    long failedAt(int i) {
        return firstFailure.get(i);
    }

    private void handle(HttpServerRequest request) {
        if (request.path().startsWith("/hang/")) {
            // never answered: the dispatcher's deadline ends it
            return;
        }
        request.body().onSuccess(body -> {
            long now = System.nanoTime();
            boolean valid = verified(request, body);
            int number = eventNumber(body);
            int n = number < 0 ? -1 : number - base;
            AtomicLongArray receipts = firstReceipt;
            AtomicLongArray failures = firstFailure;
            if (valid && request.path().startsWith("/flaky/") && n >= 0 && n < failures.length() && failures.compareAndSet(n, 0, now)) {
                request.response().setStatusCode(500).end();
                return;
            }
            if (!valid) {
                badSignatures.incrementAndGet();
            } else if (n < 0 || n >= receipts.length()) {
                others.incrementAndGet();
            } else if (receipts.compareAndSet(n, 0, now)) {
                received.incrementAndGet();
            } else {
                duplicates.incrementAndGet();
            }
            request.response().setStatusCode(valid ? 200 : 401).end();
        });
    }

    private boolean verified(HttpServerRequest request, Buffer body) {
        String path = request.path();
        String header = request.getHeader("X-Statalog-Signature");
        int index = path.startsWith("/hook/") || path.startsWith("/flaky/") ? Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)) : -1;
        SecretKeySpec[] keys = secrets;
        if (header == null || index < 0 || index >= keys.length) {
            return false;
        }
        String expected = SpecSignature.of(keys[index], body.getBytes());
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), header.getBytes(StandardCharsets.US_ASCII));
    }

    private static int eventNumber(Buffer body) {
        byte[] bytes = body.getBytes();
        outer:
        for (int i = 0; i + MARKER.length <= bytes.length; i++) {
            for (int j = 0; j < MARKER.length; j++) {
                if (bytes[i + j] != MARKER[j]) {
                    continue outer;
                }
            }
            int n = 0;
            boolean digits = false;
            for (int k = i + MARKER.length; k < bytes.length && bytes[k] >= '0' && bytes[k] <= '9'; k++) {
                n = n * 10 + (bytes[k] - '0');
                digits = true;
            }
            return digits ? n : -1;
        }
        return -1;
    }

    private static <T> T await(io.vertx.core.Future<T> future) {
        return future.toCompletionStage().toCompletableFuture().join();
    }

    @Override
    public void close() {
        // stop accepting before the event loops go: late retries of the hanging webhooks still knock
        servers.forEach(server -> await(server.close()));
        await(hanging.close());
        await(vertx.close());
    }
}
