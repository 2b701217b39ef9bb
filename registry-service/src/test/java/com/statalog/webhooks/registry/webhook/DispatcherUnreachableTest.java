package com.statalog.webhooks.registry.webhook;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.testkit.KafkaTestResource;
import com.statalog.webhooks.testkit.PostgresTestResource;

/** Without the dispatcher, nobody can vouch for a target URL: saving one answers 503, clearly, and saves nothing. */
@QuarkusTest
@TestProfile(DispatcherUnreachableTest.NoDispatcher.class)
class DispatcherUnreachableTest {

    public static class NoDispatcher implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // port 9 (discard) has no listener here: connections are refused at once
            return Map.of("quarkus.rest-client.dispatcher.url", "http://127.0.0.1:9");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class),
                    new TestResourceEntry(PostgresTestResource.class, Map.of("database", "registry_test")));
        }
    }

    @Test
    void savingAWebhookAnswers503WithAClearBody() {
        Tenant tenant = Api.newTenant();
        tenant.request().body(Map.of("name", "n", "url", "https://hooks.example.com/x", "events", List.of("goal.converted")))
                .when().post("/api/v1/webhooks")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("detail", containsString("dispatcher"));
        tenant.request().when().get("/api/v1/webhooks").then().statusCode(200).body("items.size()", equalTo(0));
    }
}
