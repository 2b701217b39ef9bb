package com.statalog.webhooks.registry.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.testkit.GeneratedRequests;

/**
 * Generated requests on every route of the registry's API, as an intruder, as nobody, with bad
 * credentials and as the operator: no 5xx, a JSON problem body with every error, no trace of the
 * implementation, and the other account's webhooks (their secrets' ciphertexts included), sites and
 * API keys exactly as they were.
 */
@QuarkusTest
class GeneratedRequestsTest {

    private static final int ACCOUNT_REQUESTS = 500;
    private static final int OPERATOR_REQUESTS = 150;
    private static final List<String> ROUTES = List.of("POST /api/v1/webhooks", "GET /api/v1/webhooks", "GET /api/v1/webhooks/{id}",
            "PATCH /api/v1/webhooks/{id}", "DELETE /api/v1/webhooks/{id}", "POST /api/v1/webhooks/{id}/rotate-secret",
            "GET /api/v1/webhooks/{id}/deliveries", "POST /api/v1/webhooks/{id}/test",
            "POST /api/v1/webhooks/{id}/deliveries/{delivery_id}/replay", "POST /api/v1/webhooks/{id}/replay", "POST /api/v1/accounts",
            "POST /api/v1/accounts/{id}/sites", "POST /api/v1/accounts/{id}/api-keys", "POST /internal/v1/config/republish");
    /** quarkus.http.limits.max-body-size of the registry. */
    private static final long MAX_BODY_BYTES = 64 * 1024;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Inject
    EntityManager entityManager;

    @Test
    void noGeneratedRequestFailsLeaksOrChangesAnotherAccount() {
        Tenant victim = Api.newTenant();
        String victimsWebhook = victim.createWebhook("victim's");
        Tenant intruder = Api.newTenant();
        String intrudersWebhook = intruder.createWebhook("intruder's");
        String before = victimsState(victim, victimsWebhook);

        GeneratedRequests generated = new GeneratedRequests(MAX_BODY_BYTES);
        List<String> ids = List.of(victimsWebhook, intrudersWebhook, victim.accountId(), intruder.accountId(), victim.siteId());
        List<String> accountCredentials = List.of("Bearer " + intruder.apiKey(), "", "Bearer slk_forged", "Basic dXNlcjpwYXNz",
                "Bearer " + intruder.apiKey() + "x", "bearer " + intruder.apiKey());
        Map<Integer, Integer> statuses = new TreeMap<>();
        generated.sendAll(baseUrl(), ACCOUNT_REQUESTS, ROUTES, ids, accountCredentials, statuses);
        assertEquals(before, victimsState(victim, victimsWebhook), "the victim's data changed (seed " + generated.seed() + ")");

        // the operator may add sites and keys to any account: only the answers are judged
        generated.sendAll(baseUrl(), OPERATOR_REQUESTS, ROUTES, ids, List.of("Bearer " + Api.OPERATOR), statuses);
        System.out.printf("generated requests (registry): %d, seed %d, statuses %s%n", ACCOUNT_REQUESTS + OPERATOR_REQUESTS,
                generated.seed(), statuses);
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** What the victim's API shows, and its rows as stored: webhooks with their secrets' ciphertexts, sites, API keys. */
    private String victimsState(Tenant victim, String webhook) {
        String rows = QuarkusTransaction.requiringNew().call(() -> entityManager.createNativeQuery("""
                SELECT string_agg(row, E'\\n' ORDER BY row) FROM (
                    SELECT CAST(w AS text) AS row FROM webhook w WHERE w.account_id = CAST(?1 AS uuid)
                    UNION ALL SELECT CAST(s AS text) FROM site s WHERE s.account_id = CAST(?1 AS uuid)
                    UNION ALL SELECT CAST(k AS text) FROM api_key k WHERE k.account_id = CAST(?1 AS uuid)) rows
                """).setParameter(1, victim.accountId()).getSingleResult().toString());
        return victim.request().get("/api/v1/webhooks").then().statusCode(200).extract().asString()
                + victim.request().get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).extract().asString() + rows;
    }
}
