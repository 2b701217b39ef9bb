package com.statalog.webhooks.registry.webhook;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.DispatcherTestResource;
import com.statalog.webhooks.registry.WithDeliveries;
import com.statalog.webhooks.testkit.Receiver;
import com.statalog.webhooks.testkit.TestKafkaClient;

/**
 * Goal filters (validated at save, shown, applied by the real dispatcher) and a secret rotation's
 * grace period (both secrets in webhook-signature, the new one alone in X-Statalog-Signature),
 * end to end through the registry, the configuration topic and the dispatcher.
 */
@QuarkusTest
@TestProfile(WithDeliveries.class)
class GoalFiltersAndRotationTest {

    private static final Duration WITHIN = Duration.ofSeconds(30);

    @Test
    void aGoalFilterIsValidatedShownAndApplied() {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            String id = tenant.request().body(Map.of("name", "signups", "url", receiver.url("/signups"), "events",
                    List.of("goal.converted"), "goals", Map.of("ids", List.of(17, 17), "names", List.of("Purchase"))))
                    .post("/api/v1/webhooks").then().statusCode(201)
                    .body("goals.ids", equalTo(List.of(17))).body("goals.names", equalTo(List.of("Purchase"))).extract().path("id");
            Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), id);

            TestKafkaClient.sendAll("statalog.events", tenant.siteId(), List.of(goal(tenant, 5, "Newsletter"),
                    goal(tenant, 17, "Signup"), goal(tenant, 3, "Purchase")));
            await().atMost(WITHIN).until(() -> receiver.received("/signups").size() == 2);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> receiver.received("/signups").size() == 2);

            tenant.request().body(Map.of("goals", Map.of("ids", List.of(), "names", List.of()))).patch("/api/v1/webhooks/{id}", id)
                    .then().statusCode(200).body("goals", nullValue());
            tenant.request().body("{\"goals\": null}").patch("/api/v1/webhooks/{id}", id).then().statusCode(200).body("goals", nullValue());
        }
    }

    @Test
    void aGoalFilterMustBeWellFormedAndNeedsGoalConversions() {
        Tenant tenant = Api.newTenant();
        String id = tenant.createWebhook("filters");
        Map<Object, String> refusals = Map.of(
                Map.of("goals", "Signup"), "goals",
                Map.of("goals", Map.of("ids", List.of("seventeen"))), "goals.ids",
                Map.of("goals", Map.of("ids", List.of("17"))), "goals.ids",
                Map.of("goals", Map.of("ids", List.of(17.9))), "goals.ids",
                Map.of("goals", Map.of("ids", List.of(0))), "goals.ids",
                Map.of("goals", Map.of("names", List.of(17))), "goals.names",
                Map.of("goals", Map.of("names", List.of(" "))), "goals.names",
                Map.of("goals", Map.of("names", "Signup")), "goals.names",
                Map.of("goals", Map.of("goal", List.of("Signup"))), "goals.goal",
                Map.of("goals", Map.of("names", java.util.Collections.nCopies(51, "Signup"))), "goals");
        refusals.forEach((body, field) -> tenant.request().body(body).patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field)));
        tenant.request().body(Map.of("name", "float", "url", "https://hooks.example.com/f", "events", List.of("goal.converted"),
                "goals", Map.of("ids", List.of(3.5)))).post("/api/v1/webhooks").then().statusCode(400)
                .body("errors[0].field", equalTo("goals.ids"));
        tenant.request().body(Map.of("events", List.of("traffic.spike"), "goals", Map.of("names", List.of("Signup"))))
                .patch("/api/v1/webhooks/{id}", id).then().statusCode(422).body("errors[0].field", equalTo("goals"));
        tenant.request().body(Map.of("goals", Map.of("names", List.of("Signup")))).patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(200);
        tenant.request().body(Map.of("events", List.of("traffic.drop"))).patch("/api/v1/webhooks/{id}", id)
                .then().statusCode(422).body("errors[0].field", equalTo("goals"));
    }

    @Test
    void afterARotationBothSecretsSignWebhookSignatureAndTheNewOneTheSpecsHeader() throws Exception {
        try (Receiver receiver = new Receiver()) {
            Tenant tenant = Api.newTenant();
            var created = tenant.request().body(Map.of("name", "rotating", "url", receiver.url("/rotating"), "events",
                    List.of("goal.converted"))).post("/api/v1/webhooks").then().statusCode(201).extract();
            String id = created.path("id");
            String before = created.path("secret");
            Api.awaitKnownToTheDispatcher(DispatcherTestResource.url(), id);
            var rotated = tenant.request().post("/api/v1/webhooks/{id}/rotate-secret", id).then().statusCode(200).extract();
            String after = rotated.path("secret");
            Instant graceEnds = Instant.parse(rotated.path("previous_secret_valid_until"));
            assertEquals(Duration.ofHours(24).toSeconds(), Duration.between(Instant.now(), graceEnds).toSeconds(), 60);
            receiver.verifyingWith(after);
            // the rotation reaches the dispatcher through the configuration topic: deliver until a delivery shows it
            await().atMost(WITHIN).until(() -> {
                int deliveredBefore = receiver.received("/rotating").size();
                TestKafkaClient.send("statalog.events", tenant.siteId(), goal(tenant, 17, "Signup"));
                await().atMost(WITHIN).until(() -> receiver.received("/rotating").size() > deliveredBefore);
                Receiver.Received last = receiver.received("/rotating").get(receiver.received("/rotating").size() - 1);
                return last.header("webhook-signature").split(" ").length == 2;
            });
            Receiver.Received delivered = receiver.received("/rotating").get(receiver.received("/rotating").size() - 1);
            assertTrue(delivered.signatureValid(), "X-Statalog-Signature uses the new secret");
            String[] signatures = delivered.header("webhook-signature").split(" ");
            String signed = delivered.header("webhook-id") + "." + delivered.header("webhook-timestamp") + "."
                    + new String(delivered.body(), StandardCharsets.UTF_8);
            assertEquals(standard(after, signed), signatures[0]);
            assertEquals(standard(before, signed), signatures[1]);
        }
    }

    private static String standard(String secret, String signed) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }

    private static String goal(Tenant tenant, int id, String name) {
        return "{\"event\":\"goal.converted\",\"site_id\":\"" + tenant.siteId() + "\",\"goal\":{\"id\":" + id + ",\"name\":\""
                + name + "\"},\"monetary_value\":null,\"visitor_id\":\"anon_1\",\"session_id\":\"sess_1\","
                + "\"url\":\"https://example.com/\",\"timestamp\":\"2025-04-24T14:32:08Z\"}";
    }
}
