package com.statalog.webhooks.registry.delivery;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.WithProductionDeadline;
import com.statalog.webhooks.testkit.Receiver;

/**
 * Send Test answers what the endpoint did within the delivery's own 10 s window, at the production
 * deadline: an endpoint answering 200 after 7 s is a delivered test. Before, the registry's client
 * gave up on the dispatcher after 5 s and answered 503.
 */
@QuarkusTest
@TestProfile(WithProductionDeadline.class)
class SendTestDeadlineTest {

    @Test
    void anEndpointAnsweringAfterSevenSecondsIsADeliveredTest() {
        try (Receiver receiver = new Receiver()) {
            receiver.hang("/slow", 7_000);
            Tenant tenant = Api.newTenant();
            String webhook = webhook(tenant, receiver, "/slow");

            tenant.request().post("/api/v1/webhooks/{id}/test", webhook)
                    .then().statusCode(200).body("status_code", equalTo(200)).body("error", nullValue())
                    .body("duration_ms", greaterThanOrEqualTo(7_000)).body("duration_ms", lessThan(10_000));
        }
    }

    @Test
    void anEndpointSilentPastTheWindowIsATimedOutTestNotAnUnavailableDispatcher() {
        try (Receiver receiver = new Receiver()) {
            receiver.hang("/silent", 15_000);
            Tenant tenant = Api.newTenant();
            String webhook = webhook(tenant, receiver, "/silent");

            tenant.request().post("/api/v1/webhooks/{id}/test", webhook)
                    .then().statusCode(200).body("status_code", nullValue()).body("error", equalTo("timeout"))
                    .body("duration_ms", greaterThanOrEqualTo(10_000)).body("duration_ms", lessThan(12_000));
        }
    }

    private static String webhook(Tenant tenant, Receiver receiver, String path) {
        return tenant.request().body(Map.of("name", path, "url", receiver.url(path), "events", List.of("goal.converted")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }
}
