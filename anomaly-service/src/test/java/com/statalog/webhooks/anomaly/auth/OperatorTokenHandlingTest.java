package com.statalog.webhooks.anomaly.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URL;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.statalog.webhooks.testkit.LogCapture;

/** The operator token, right or nearly right, never shows in a log line, a metric or an error body. */
@QuarkusTest
class OperatorTokenHandlingTest {

    @TestHTTPResource(value = "/metrics", management = true)
    URL metricsUrl;

    private static final String OPERATOR = "test-operator-token";

    @Test
    void theTokenReachesNoLogLineMetricOrErrorBody() {
        try (LogCapture log = new LogCapture()) {
            given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body(Map.of("visitors", 10))
                    .put("/api/v1/sites/ST-TOKEN/daily-visitors/2025-04-24").then().statusCode(200);
            List<String> errorBodies = List.of(
                    given().auth().oauth2(OPERATOR + "x").get("/api/v1/sites/ST-TOKEN/daily-visitors?from=2025-04-24&to=2025-04-24")
                            .then().statusCode(401).extract().asString(),
                    given().header("Authorization", OPERATOR).get("/api/v1/sites/ST-TOKEN/daily-visitors?from=2025-04-24&to=2025-04-24")
                            .then().statusCode(401).extract().asString(),
                    given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"visitors\": \"" + OPERATOR + "\"}")
                            .put("/api/v1/sites/ST-TOKEN/daily-visitors/2025-04-24").then().statusCode(400).extract().asString(),
                    given().auth().oauth2(OPERATOR).contentType(ContentType.JSON).body("{\"day\": \"" + OPERATOR + "\"}")
                            .post("/api/v1/evaluations").then().statusCode(400).extract().asString());
            String metrics = given().get(metricsUrl).then().statusCode(200).extract().asString();

            for (String body : errorBodies) {
                assertFalse(body.contains(OPERATOR), "an error body shows the token: " + body);
            }
            assertFalse(metrics.contains(OPERATOR), "the metrics show the token");
            log.lines().forEach(line -> assertFalse(line.contains(OPERATOR), "a log line shows the token: " + line));
        }
    }
}
