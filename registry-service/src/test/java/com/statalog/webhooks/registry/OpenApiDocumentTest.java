package com.statalog.webhooks.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.OpenApiDocument;

/**
 * The registry's OpenAPI document describes the API that answers: the wire's snake_case names
 * (the create, patch and answer schemas included, goals as its own object rather than Jackson's
 * tree), and the status codes the routes really answer with on success.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void propertiesAreNamedAsOnTheWire() throws Exception {
        OpenApiDocument document = OpenApiDocument.served();
        int checked = document.checkPropertiesAreSnakeCase();
        assertTrue(checked >= 40, "properties checked: " + checked);
        document.checkNoJacksonTrees();
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

    private static void assertSuccess(OpenApiDocument document, String method, String path, String code) {
        Set<String> successes = document.responseCodes(method, path).stream().filter(c -> c.startsWith("2"))
                .collect(Collectors.toSet());
        assertEquals(Set.of(code), successes, method.toUpperCase() + " " + path);
    }
}
