package com.statalog.webhooks.registry.ratelimit;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.WithDeliveries;
import com.statalog.webhooks.testkit.Receiver;

/**
 * Each account's requests draw from a bucket of its own; past it, 429 with {@code Retry-After} and
 * the rate in {@code RateLimit-Policy}/{@code RateLimit}, and no other account notices. Send Test is
 * limited per webhook and per account. The windows are an hour long, so that no token comes back
 * during a test however slowly it runs. Shared across processes: RateLimitAcrossReplicasIT.
 */
@QuarkusTest
@TestProfile(RateLimitTest.SmallRates.class)
class RateLimitTest {

    static final int ACCOUNT_REQUESTS = 30;

    public static class SmallRates extends WithDeliveries {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("statalog.rate-limits.account-requests", Integer.toString(ACCOUNT_REQUESTS),
                    "statalog.rate-limits.window", "1h",
                    "statalog.send-test.max-per-window", "2",
                    "statalog.send-test.max-per-account", "3",
                    "statalog.send-test.window", "1h");
        }
    }

    static final Receiver RECEIVER = new Receiver();

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void anAccountPastItsRateGets429WithRetryAfterAndOthersDoNotNotice() {
        Tenant busy = Api.newTenant();
        Tenant neighbour = Api.newTenant();
        for (int i = 1; i <= ACCOUNT_REQUESTS; i++) {
            busy.request().get("/api/v1/webhooks").then().statusCode(200)
                    .header("RateLimit-Policy", equalTo("\"account\";q=" + ACCOUNT_REQUESTS + ";w=3600"))
                    .header("RateLimit", matchesPattern("\"account\";r=" + (ACCOUNT_REQUESTS - i) + ";t=\\d+"));
        }
        Response refused = busy.request().get("/api/v1/webhooks");
        refused.then().statusCode(429).contentType("application/problem+json").body("status", equalTo(429))
                .header("RateLimit", matchesPattern("\"account\";r=0;t=\\d+"));
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        // one request comes back every 3600 / 30 = 120 s
        assertTrue(retryAfter > 60 && retryAfter <= 120, "Retry-After " + retryAfter);
        // every route, every verb: the bucket is the account's
        busy.request().body(Map.of("name", "x", "url", RECEIVER.url("/x"), "events", List.of("goal.converted")))
                .post("/api/v1/webhooks").then().statusCode(429);

        neighbour.request().get("/api/v1/webhooks").then().statusCode(200)
                .header("RateLimit", matchesPattern("\"account\";r=" + (ACCOUNT_REQUESTS - 1) + ";t=\\d+"));
        // the operator has a bucket of its own
        Api.operator().get("/api/v1/accounts/{id}/limits", busy.accountId()).then().statusCode(200)
                .header("RateLimit-Policy", containsString("\"operator\""));
    }

    @Test
    void sendTestIsLimitedPerWebhookAndPerAccount() {
        Tenant tenant = Api.newTenant();
        String first = webhook(tenant, "/first");
        String second = webhook(tenant, "/second");
        sendTest(tenant, first).then().statusCode(200);
        sendTest(tenant, first).then().statusCode(200);
        Response perWebhook = sendTest(tenant, first);
        perWebhook.then().statusCode(429).contentType("application/problem+json")
                .body("detail", containsString("Send Test")).header("RateLimit-Policy", containsString("\"send-test-webhook\";q=2;w=3600"));
        assertTrue(Long.parseLong(perWebhook.header("Retry-After")) > 0);

        sendTest(tenant, second).then().statusCode(200);
        sendTest(tenant, second).then().statusCode(429)
                .header("RateLimit-Policy", equalTo("\"send-test-account\";q=3;w=3600, \"account\";q=" + ACCOUNT_REQUESTS + ";w=3600"));
        assertEquals(3, RECEIVER.received("/first").size() + RECEIVER.received("/second").size(),
                "two tests of the first webhook and one of the second reached the receiver");

        // another account's Send Tests are its own
        Tenant other = Api.newTenant();
        sendTest(other, webhook(other, "/other")).then().statusCode(200);
    }

    private static Response sendTest(Tenant tenant, String webhook) {
        return tenant.request().post("/api/v1/webhooks/{id}/test", webhook);
    }

    private static String webhook(Tenant tenant, String path) {
        return tenant.request().body(Map.of("name", path, "url", RECEIVER.url(path), "events", List.of("goal.converted")))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
    }
}
