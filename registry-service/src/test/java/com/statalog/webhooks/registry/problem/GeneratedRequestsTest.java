package com.statalog.webhooks.registry.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.local.GeneratedRequests;
import com.statalog.webhooks.local.GeneratedRequests.Answer;
import com.statalog.webhooks.local.GeneratedRequests.Request;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.Api.Tenant;

/**
 * Generated requests on every route of the registry's API, as an intruder, as nobody, with bad
 * credentials and as the operator: no 5xx, a JSON problem body with every error, no trace of the
 * implementation, and the other account's webhooks, secrets' ciphertexts aside, exactly as they were.
 */
@QuarkusTest
class GeneratedRequestsTest {

    private static final int REQUESTS = 600;
    private static final List<String> ROUTES = List.of("/api/v1/webhooks", "/api/v1/webhooks/{id}", "/api/v1/webhooks/{id}/rotate-secret",
            "/api/v1/webhooks/{id}/deliveries", "/api/v1/webhooks/{id}/test", "/api/v1/accounts", "/api/v1/accounts/{id}/sites",
            "/api/v1/accounts/{id}/api-keys", "/internal/v1/config/republish");

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void noGeneratedRequestFailsLeaksOrChangesAnotherAccount() {
        Tenant victim = Api.newTenant();
        String victimsWebhook = victim.createWebhook("victim's");
        Tenant intruder = Api.newTenant();
        String intrudersWebhook = intruder.createWebhook("intruder's");
        String before = victimsState(victim, victimsWebhook);

        GeneratedRequests generated = new GeneratedRequests();
        List<String> ids = List.of(victimsWebhook, intrudersWebhook, victim.accountId(), intruder.accountId(), victim.siteId());
        List<String> credentials = List.of("Bearer " + intruder.apiKey(), "Bearer " + Api.OPERATOR, "", "Bearer slk_forged",
                "Basic dXNlcjpwYXNz", "Bearer " + intruder.apiKey() + "x", "bearer " + intruder.apiKey());
        Map<Integer, Integer> statuses = new TreeMap<>();
        for (int i = 0; i < REQUESTS; i++) {
            Request request = generated.next(ROUTES, ids, credentials);
            Answer answer = generated.send("http://127.0.0.1:" + port, request);
            statuses.merge(answer.status(), 1, Integer::sum);
            String violation = generated.violation(request, answer);
            if (violation != null) {
                fail(generated.report(violation, request, answer));
            }
        }
        assertEquals(before, victimsState(victim, victimsWebhook), "the victim's webhooks changed (seed " + generated.seed() + ")");
        System.out.printf("generated requests (registry): %d, seed %d, statuses %s%n", REQUESTS, generated.seed(), statuses);
    }

    private static String victimsState(Tenant victim, String webhook) {
        return victim.request().get("/api/v1/webhooks").then().statusCode(200).extract().asString()
                + victim.request().get("/api/v1/webhooks/{id}/deliveries", webhook).then().statusCode(200).extract().asString();
    }
}
