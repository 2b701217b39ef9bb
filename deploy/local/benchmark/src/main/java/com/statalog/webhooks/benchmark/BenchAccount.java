package com.statalog.webhooks.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A fresh account of a running stack, set up through the public REST API as a user would: sites,
 * an API key and one goal.converted webhook per site; then waits until the dispatcher has them.
 */
final class BenchAccount {

    record Hook(String id, String siteId, String secret) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String registry;
    private final String dispatcher;
    private final String serviceToken;
    private String apiKey;
    final List<Hook> hooks = new ArrayList<>();

    BenchAccount(String registry, String dispatcher, String serviceToken) {
        this.registry = registry;
        this.dispatcher = dispatcher;
        this.serviceToken = serviceToken;
    }

    void create(String operatorToken, String run, int webhooks, BenchReceiver receiver) throws Exception {
        String account = call("POST", registry + "/api/v1/accounts", operatorToken, Map.of("name", "benchmark " + run), 201).get("id").asText();
        apiKey = call("POST", registry + "/api/v1/accounts/" + account + "/api-keys", operatorToken, Map.of(), 201).get("key").asText();
        for (int i = 0; i < webhooks; i++) {
            String site = "bench-" + run + "-" + i;
            call("POST", registry + "/api/v1/accounts/" + account + "/sites", operatorToken, Map.of("site_id", site), 201);
            JsonNode hook = call("POST", registry + "/api/v1/webhooks", apiKey, Map.of("name", "bench " + i,
                    "url", receiverUrl(receiver, i), "events", List.of("goal.converted"), "site_id", site), 201);
            hooks.add(new Hook(hook.get("id").asText(), site, hook.get("secret").asText()));
        }
        receiver.secrets(hooks.stream().map(Hook::secret).toList());
        for (int i = 0; i < hooks.size(); i++) {
            String url = receiverUrl(receiver, i);
            awaitDispatcher(hooks.get(i), loaded -> loaded != null && loaded.get("url").asText().equals(url));
        }
    }

    static String receiverUrl(BenchReceiver receiver, int hook) {
        return "http://127.0.0.1:" + receiver.port(hook) + "/hook/" + hook;
    }

    /** Points a webhook elsewhere and waits until the dispatcher uses the new URL. */
    void repoint(int hook, String url) throws Exception {
        call("PATCH", registry + "/api/v1/webhooks/" + hooks.get(hook).id(), apiKey, Map.of("url", url), 200);
        awaitDispatcher(hooks.get(hook), loaded -> loaded != null && loaded.get("url").asText().equals(url));
    }

    void deleteAll() throws Exception {
        for (Hook hook : hooks) {
            call("DELETE", registry + "/api/v1/webhooks/" + hook.id(), apiKey, null, 204);
        }
    }

    private void awaitDispatcher(Hook hook, Predicate<JsonNode> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(dispatcher + "/internal/v1/config/webhooks/" + hook.id()))
                    .header("Authorization", "Bearer " + serviceToken).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode loaded = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
            if (ready.test(loaded)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the dispatcher did not load webhook " + hook.id() + " in 60 s");
            }
            Thread.sleep(100);
        }
    }

    private JsonNode call(String method, String url, String token, Object body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token);
        request = body == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }
}
