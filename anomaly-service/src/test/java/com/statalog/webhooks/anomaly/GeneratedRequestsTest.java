package com.statalog.webhooks.anomaly;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.GeneratedRequests;

/**
 * Generated requests on every route of the anomaly operator API, with the operator token, none
 * and bad ones: no 5xx, a JSON problem body with every error, no trace of the implementation.
 */
@QuarkusTest
class GeneratedRequestsTest {

    private static final int REQUESTS = 400;
    private static final List<String> ROUTES = List.of("POST /api/v1/evaluations", "GET /api/v1/sites/{site}/daily-visitors",
            "PUT /api/v1/sites/{site}/daily-visitors/{date}");
    /** Quarkus's default quarkus.http.limits.max-body-size: the anomaly service keeps it. */
    private static final long MAX_BODY_BYTES = 10 * 1024 * 1024;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noGeneratedRequestFailsOrLeaks() {
        GeneratedRequests generated = new GeneratedRequests(MAX_BODY_BYTES);
        List<String> ids = List.of("ST-GENERATED", "2025-04-24", "2024-02-29", "1999-12-31");
        List<String> credentials = List.of("Bearer test-operator-token", "", "Bearer wrong", "Basic dXNlcjpwYXNz");
        Map<Integer, Integer> statuses = new TreeMap<>();
        generated.sendAll("http://127.0.0.1:" + port, REQUESTS, ROUTES, ids, credentials, statuses);
        System.out.printf("generated requests (anomaly): %d, seed %d, statuses %s%n", REQUESTS, generated.seed(), statuses);
    }
}
