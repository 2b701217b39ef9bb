package com.statalog.webhooks.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on loopback, as a customer would run one: it records every request and
 * verifies {@code X-Statalog-Signature} exactly as the spec's verifiers do (HMAC-SHA256 over the
 * raw body, key = the secret string's UTF-8 bytes, {@code sha256=} + hex, constant-time compare).
 * Each path answers as told: a status, a redirect, or a hang.
 */
public final class Receiver implements AutoCloseable {

    public record Received(String path, Map<String, List<String>> headers, byte[] body, boolean signatureValid, long atNanos) {
        public String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().get(0)).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, java.util.Queue<Integer>> sequences = new ConcurrentHashMap<>();
    private final Map<String, Long> hangs = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, Map.Entry<String, String>> extraHeaders = new ConcurrentHashMap<>();
    private volatile String secret;

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public Receiver verifyingWith(String secret) {
        this.secret = secret;
        return this;
    }

    public void answer(String path, int status) {
        statuses.put(path, status);
    }

    /** Answers these statuses to the first requests, in order, then the path's usual status. */
    public void answerInTurn(String path, Integer... statuses) {
        sequences.put(path, new java.util.concurrent.ConcurrentLinkedQueue<>(List.of(statuses)));
    }

    /** Answers {@code status} to the first {@code count} requests, then the path's usual status. */
    public void answerFirst(String path, int count, int status) {
        sequences.put(path, new java.util.concurrent.ConcurrentLinkedQueue<>(java.util.Collections.nCopies(count, status)));
    }

    /** Adds this header to every answer on the path. */
    public void answerHeader(String path, String name, String value) {
        extraHeaders.put(path, Map.entry(name, value));
    }

    public void hang(String path, long millis) {
        hangs.put(path, millis);
    }

    public void redirect(String path, String location) {
        redirects.put(path, location);
    }

    public List<Received> received(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String signature = exchange.getRequestHeaders().getFirst("X-Statalog-Signature");
        received.add(new Received(path, Map.copyOf(exchange.getRequestHeaders()), body,
                secret != null && signature != null && verify(body, signature, secret), System.nanoTime()));
        Long hang = hangs.get(path);
        if (hang != null) {
            try {
                Thread.sleep(hang);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String location = redirects.get(path);
        if (location != null) {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
            return;
        }
        byte[] answer = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        Map.Entry<String, String> extra = extraHeaders.get(path);
        if (extra != null) {
            exchange.getResponseHeaders().add(extra.getKey(), extra.getValue());
        }
        java.util.Queue<Integer> sequence = sequences.get(path);
        Integer next = sequence == null ? null : sequence.poll();
        exchange.sendResponseHeaders(next != null ? next : statuses.getOrDefault(path, 200), answer.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer);
        }
    }

    /** How many distinct deliveries (X-Statalog-Delivery ids) reached the path: retries and duplicates count once. */
    public long distinctDeliveries(String path) {
        return received(path).stream().map(request -> request.header("X-Statalog-Delivery")).distinct().count();
    }

    /** The spec's verifier, in Java. */
    public static boolean verify(byte[] payload, String signatureHeader, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(payload));
            return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), signatureHeader.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
