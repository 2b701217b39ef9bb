package com.statalog.webhooks.dispatcher.egress;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The registry's way to ask for a verdict on a target URL: only with the service token. */
@QuarkusTest
class UrlCheckRouteTest {

    @Test
    void answersTheVerdictOfTheEgressRules() {
        given().auth().oauth2("test-service-token").contentType(ContentType.JSON)
                .body(Map.of("url", "http://127.0.0.1:8080/hook"))
                .when().post("/internal/v1/url-checks")
                .then().statusCode(200).body("allowed", equalTo(true)).body("error", nullValue());
        given().auth().oauth2("test-service-token").contentType(ContentType.JSON)
                .body(Map.of("url", "http://169.254.169.254/latest/meta-data"))
                .when().post("/internal/v1/url-checks")
                .then().statusCode(200).body("allowed", equalTo(false)).body("error", equalTo("blocked_address"));
    }

    @Test
    void refusesCallersWithoutTheServiceToken() {
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.com/"))
                .when().post("/internal/v1/url-checks").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        given().auth().oauth2("test-operator-token").contentType(ContentType.JSON).body(Map.of("url", "https://example.com/"))
                .when().post("/internal/v1/url-checks").then().statusCode(401);
    }
}
