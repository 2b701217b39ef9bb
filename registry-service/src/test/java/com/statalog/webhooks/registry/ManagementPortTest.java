package com.statalog.webhooks.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.net.URL;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Health and metrics are on the management port only (probes and Prometheus reach it inside the
 * cluster); the public port serves the API, its OpenAPI document and the pages.
 */
@QuarkusTest
class ManagementPortTest {

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/metrics", management = true)
    URL metrics;

    @TestHTTPResource(value = "/health/live", management = true)
    URL liveness;

    @Test
    void healthAndMetricsAnswerOnTheManagementPortAndNotOnThePublicOne() {
        given().get(readiness).then().statusCode(200);
        given().get(metrics).then().statusCode(200).body(containsString("jvm_threads_live_threads"));
        given().get("/q/health/ready").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/q/swagger-ui/").then().statusCode(200);
    }

    @Test
    void livenessWatchesTheOutboxRelay() {
        given().get(liveness).then().statusCode(200)
                .body("checks.find { it.name == 'outbox-relay' }.status", org.hamcrest.Matchers.equalTo("UP"));
    }
}
