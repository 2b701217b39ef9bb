package com.statalog.webhooks.dispatcher.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

import com.statalog.webhooks.testkit.Receiver;

/** Send Test posts {"event":"test"} unsigned through the guarded client and answers the outcome as data. */
@QuarkusTest
class SendTestRouteTest {

    @Test
    void answersTheEndpointsStatusAndSendsTheTestPayloadUnsigned() {
        try (Receiver receiver = new Receiver()) {
            receiver.answer("/broken", 500);
            sendTest(receiver.url("/ok")).body("status_code", equalTo(200)).body("error", nullValue());
            sendTest(receiver.url("/broken")).body("status_code", equalTo(500)).body("error", equalTo("http_status"));
            Receiver.Received request = receiver.received("/ok").get(0);
            assertEquals("{\"event\":\"test\"}", new String(request.body()));
            assertNull(request.header("X-Statalog-Signature"));
            assertEquals("test", request.header("X-Statalog-Event"));
        }
    }

    @Test
    void aForbiddenTargetIsRefusedWithoutConnecting() {
        sendTest("http://169.254.169.254/").body("error", equalTo("blocked_address")).body("status_code", nullValue());
    }

    @Test
    void aHangIsATimeout() {
        try (Receiver receiver = new Receiver()) {
            receiver.hang("/hang", 3_000);
            sendTest(receiver.url("/hang")).body("error", equalTo("timeout"));
        }
    }

    private static io.restassured.response.ValidatableResponse sendTest(String url) {
        return given().auth().oauth2("test-service-token").contentType(ContentType.JSON).body(Map.of("url", url))
                .when().post("/internal/v1/send-test").then().statusCode(200);
    }
}
