package com.statalog.webhooks.anomaly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.OpenApiDocument;

/**
 * The anomaly service's OpenAPI document names properties as the wire does (snake_case) and gives
 * every operation a written summary and a unique id.
 */
@QuarkusTest
class OpenApiDocumentTest {

    @Test
    void describesTheWire() throws Exception {
        int checked = OpenApiDocument.served().checkDescribesTheWire();
        assertTrue(checked >= 3, "properties checked: " + checked);
    }

    @Test
    void everyErrorIsAProblemAndEveryRouteTakesABearerCredential() throws Exception {
        OpenApiDocument.served().checkErrorsAreProblems();
    }

    @Test
    void servedDocumentIsTheCheckedInOne() throws Exception {
        OpenApiDocument.served().checkMatchesCheckedIn(Path.of("../docs/openapi/anomaly.json"));
    }

    @Test
    void everyOperationHasASummaryAndAUniqueId() throws Exception {
        assertEquals(3, OpenApiDocument.served().checkOperationsAreNamed());
    }
}
