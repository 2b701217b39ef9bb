package com.statalog.webhooks.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.OpenApiDocument;

/**
 * The registry's OpenAPI document describes the API that answers: the wire's snake_case names
 * (the create, patch and answer schemas included, goals as its own object rather than Jackson's
 * tree), the status codes the routes really answer with on success and their typed bodies, the
 * thresholds' real bounds, a written summary and a unique id for every operation (generated
 * clients name their methods after the ids), and it is the document checked in for offline use.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void describesTheWire() throws Exception {
        int checked = OpenApiDocument.served().checkDescribesTheWire();
        assertTrue(checked >= 40, "properties checked: " + checked);
    }

    @Test
    void everyErrorIsAProblemAndEveryRouteTakesABearerCredential() throws Exception {
        OpenApiDocument.served().checkErrorsAreProblems();
    }

    @Test
    void servedDocumentIsTheCheckedInOne() throws Exception {
        OpenApiDocument.served().checkMatchesCheckedIn(Path.of("../docs/openapi/registry.json"));
    }

    @Test
    void everyOperationHasASummaryAndAUniqueId() throws Exception {
        assertEquals(26, OpenApiDocument.served().checkOperationsAreNamed());
    }

    @Test
    void successCodesAreTheOnesTheRoutesAnswer() throws Exception {
        OpenApiDocument document = OpenApiDocument.served();
        assertSuccess(document, "post", "/api/v1/accounts", "201");
        assertSuccess(document, "post", "/api/v1/accounts/{id}/sites", "201");
        assertSuccess(document, "post", "/api/v1/accounts/{id}/api-keys", "201");
        assertSuccess(document, "post", "/api/v1/webhooks", "201");
        assertSuccess(document, "delete", "/api/v1/webhooks/{id}", "204");
        assertSuccess(document, "post", "/api/v1/webhooks/{id}/replay", "202");
        assertSuccess(document, "post", "/api/v1/webhooks/{id}/deliveries/{delivery_id}/replay", "202");
        assertSuccess(document, "get", "/api/v1/webhooks/{id}", "200");
    }

    @Test
    void thresholdsHaveTheApisBounds() throws Exception {
        OpenApiDocument document = OpenApiDocument.served();
        for (String schema : new String[] {"NewWebhook", "WebhookPatch"}) {
            assertEquals(1_000_000, document.property(schema, "spike_threshold_pct").path("maximum").asInt(), schema);
            assertEquals(100, document.property(schema, "drop_threshold_pct").path("maximum").asInt(), schema);
            assertEquals(0, document.property(schema, "drop_threshold_pct").path("minimum").asInt(), schema);
            assertTrue(document.property(schema, "drop_threshold_pct").path("exclusiveMinimum").asBoolean(), schema);
        }
    }

    private static void assertSuccess(OpenApiDocument document, String method, String path, String code) {
        Set<String> successes = document.responseCodes(method, path).stream().filter(c -> c.startsWith("2"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(code), successes, method.toUpperCase() + " " + path);
    }
}
