package com.statalog.webhooks.testkit;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.StringJoiner;
import java.util.function.Supplier;

/**
 * Requests generated from a seed, for an API's routes: any verb, path parameters from the ids a
 * test knows and from hostile strings, query strings, content types, credentials and JSON bodies
 * of every shape. The invariant checked on each answer is the same for every route: no 5xx, a
 * JSON problem body with every error, and no trace of the implementation in any body. A failure
 * names the seed and the request, so that it can be replayed ({@code -Dgenerated-requests.seed=N}).
 *
 * <p>Why not jqwik: Quarkus 3.33 runs on the JUnit 6 platform, and jqwik 1.10 is built against
 * platform 1.14; an engine that fails discovery would fail every test of the module.
 */
public final class GeneratedRequests {

    /** One generated request. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
        @Override
        public String toString() {
            return method + " " + path + " " + headers + " body=" + (body == null ? "none"
                    : body.length() > 200 ? body.substring(0, 200) + "...(" + body.length() + " chars)" : body);
        }
    }

    /** The answer to one request; status 0 when the server closed the connection instead. */
    public record Answer(int status, String contentType, String body) {
    }

    /** The seed when none is given: CI replays the same requests; {@code -Dgenerated-requests.seed=random} explores. */
    private static final long DEFAULT_SEED = 20_261_127L;

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "HEAD");
    /** Already percent-encoded where needed: they go into paths as they are. */
    private static final List<String> HOSTILE_SEGMENTS = List.of("not-a-uuid", "00000000-0000-0000-0000-000000000000",
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "%00", "%27%20OR%20%271%27%3D%271", "x".repeat(1500), "%F0%9F%92%A5", "-1", "1e309",
            "ST-A1B2C3", "2025-02-30", "9999-99-99", "null", "%20");
    private static final List<String> CONTENT_TYPES = List.of("application/json", "application/json; charset=utf-8", "text/plain",
            "application/xml", "application/x-www-form-urlencoded", "multipart/form-data", "garbage/;;", "");
    private static final List<String> FIELDS = List.of("name", "url", "events", "site_id", "enabled", "spike_threshold_pct",
            "drop_threshold_pct", "secret", "id", "account_id", "visitors", "day", "status", "created_at", "__proto__");
    private static final List<String> QUERY_KEYS = List.of("limit", "cursor", "status", "event", "from", "to", "site_id", "x");
    private static final String[] TRACES = { "Exception", "\tat ", "java.lang", "org.hibernate", "io.quarkus", "jakarta.",
            "org.postgresql", "SQLState", "Caused by" };

    private final Random random;
    private final long seed;
    private final long maxBodyBytes;
    // HTTP/1.1 as most webhook clients speak it (the JDK would otherwise upgrade to h2c)
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** For a service whose request bodies are limited to {@code maxBodyBytes} (quarkus.http.limits.max-body-size). */
    public GeneratedRequests(long maxBodyBytes) {
        String configured = System.getProperty("generated-requests.seed");
        this.seed = configured == null ? DEFAULT_SEED : configured.equals("random") ? System.nanoTime() : Long.parseLong(configured);
        this.random = new Random(seed);
        this.maxBodyBytes = maxBodyBytes;
    }

    public long seed() {
        return seed;
    }

    /**
     * A request on one of {@code routes} ("VERB /path/{parameter}"): mostly with the route's own
     * verb and a JSON body, sometimes any verb and any content type; each path parameter taken from
     * {@code ids} or from hostile strings; one of {@code credentials} (an Authorization header
     * value, or "" for none).
     */
    private Request next(List<String> routes, List<String> ids, List<String> credentials) {
        String route = pick(routes);
        String method = random.nextInt(4) > 0 ? route.substring(0, route.indexOf(' ')) : pick(METHODS);
        String path = route.substring(route.indexOf(' ') + 1);
        while (path.contains("{")) {
            String parameter = path.substring(path.indexOf('{'), path.indexOf('}') + 1);
            String value = random.nextInt(3) == 0 ? pick(HOSTILE_SEGMENTS) : URLEncoder.encode(pick(ids), StandardCharsets.UTF_8);
            path = path.replace(parameter, value);
        }
        // a request line stays under the HTTP layer's 4 KiB limit, whose bare 414 is no answer of ours
        if (random.nextBoolean() && path.length() < 1000) {
            StringJoiner query = new StringJoiner("&", "?", "");
            for (int i = random.nextInt(4); i >= 0; i--) {
                query.add(pick(QUERY_KEYS) + "=" + URLEncoder.encode(scalar(), StandardCharsets.UTF_8));
            }
            path += query;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        String credential = pick(credentials);
        if (!credential.isEmpty()) {
            headers.put("Authorization", credential);
        }
        String contentType = random.nextInt(10) < 7 ? "application/json" : pick(CONTENT_TYPES);
        if (!contentType.isEmpty()) {
            headers.put("Content-Type", contentType);
        }
        if (random.nextInt(4) == 0) {
            headers.put("Accept", pick(List.of("text/html", "application/xml", "*/*", "application/json")));
        }
        String body = method.equals("GET") || method.equals("HEAD") || random.nextInt(6) == 0 ? null : body();
        return new Request(method, path, headers, body);
    }

    /**
     * Sends {@code count} requests generated as {@link #next} does to {@code baseUrl}, counting the
     * answers by status into {@code statuses}; fails with the seed, request and answer at the first
     * that breaks the invariant ({@link #violation}).
     */
    public void sendAll(String baseUrl, int count, List<String> routes, List<String> ids, List<String> credentials,
            Map<Integer, Integer> statuses) {
        for (int i = 0; i < count; i++) {
            Request request = next(routes, ids, credentials);
            Answer answer = send(baseUrl, request);
            statuses.merge(answer.status(), 1, Integer::sum);
            String violation = violation(request, answer);
            if (violation != null) {
                throw new AssertionError(report(violation, request, answer));
            }
        }
    }

    private Answer send(String baseUrl, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path())).timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        request.headers().forEach(builder::header);
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            // Vert.x refuses a body over the limit by closing the connection while it is still being sent
            return new Answer(0, "", "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What is wrong with the answer, or null when it keeps the invariant. */
    private String violation(Request request, Answer answer) {
        if (answer.status() == 0) {
            boolean oversized = request.body() != null && request.body().getBytes(StandardCharsets.UTF_8).length > maxBodyBytes;
            return oversized ? null : "no answer";
        }
        if (answer.status() >= 500) {
            return "a " + answer.status();
        }
        boolean hasBody = !answer.body().isEmpty();
        if (answer.status() >= 400 && !request.method().equals("HEAD")
                && (!hasBody || !answer.contentType().startsWith("application/problem+json"))) {
            return "an error without a JSON problem body (" + answer.contentType() + ")";
        }
        for (String trace : TRACES) {
            if (answer.body().contains(trace)) {
                return "an implementation detail in the body: " + trace;
            }
        }
        return null;
    }

    /** A message for a violated invariant: the seed, the request and the answer. */
    private String report(String violation, Request request, Answer answer) {
        String body = answer.body().length() > 500 ? answer.body().substring(0, 500) + "..." : answer.body();
        return violation + " (seed " + seed + ")\n  request: " + request + "\n  answer: " + answer.status() + " " + answer.contentType()
                + " " + body;
    }

    private String body() {
        List<Supplier<String>> shapes = List.of(
                () -> object(random.nextInt(5)),
                () -> "[" + object(1) + "]",
                () -> scalar(),
                () -> "{\"name\":",
                () -> "[".repeat(2000),
                () -> "{\"name\":\"" + "n".repeat(70_000) + "\"}",
                () -> "",
                () -> "null");
        return pick(shapes).get();
    }

    private String object(int fields) {
        StringJoiner object = new StringJoiner(",", "{", "}");
        for (int i = 0; i < fields; i++) {
            object.add("\"" + pick(FIELDS) + "\":" + value(2));
        }
        return object.toString();
    }

    private String value(int depth) {
        return switch (random.nextInt(depth > 0 ? 8 : 6)) {
            case 0 -> "\"" + pick(List.of("https://hooks.example.com/x", "http://127.0.0.1/", "goal.converted", "traffic.spike",
                    "", "é\\u0000\\\"", "ST-A1B2C3", "2025-04-24", "x".repeat(600))) + "\"";
            case 1 -> pick(List.of("0", "-1", "1e309", "3.14", "9223372036854775808", "50"));
            case 2 -> pick(List.of("true", "false"));
            case 3 -> "null";
            case 4 -> "[\"goal.converted\",\"traffic.drop\"]";
            case 5 -> "[1,{\"a\":null}]";
            case 6 -> object(1 + random.nextInt(2));
            default -> "[" + value(depth - 1) + "]";
        };
    }

    private String scalar() {
        List<String> values = new ArrayList<>(List.of("1", "0", "-5", "101", "1000000", "abc", "delivered", "dropped", "goal.converted",
                "page.viewed", "2025-04-24", "2025-13-01", "eyJ0IjoxfQ", "%%%", "'", "\"", "💥", "x".repeat(300)));
        HOSTILE_SEGMENTS.stream().filter(value -> value.length() <= 300).forEach(values::add);
        return pick(values);
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
