package com.statalog.webhooks.registry.ratelimit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import com.statalog.webhooks.local.PostgresServer;
import com.statalog.webhooks.registry.RegistryProcess;
import com.statalog.webhooks.testkit.KafkaBroker;
import com.statalog.webhooks.testkit.PostgresTestResource;
import com.statalog.webhooks.testkit.ServiceProcess;

/**
 * Two registry processes on one database share one rate per credential: the (n+1)th request over
 * both of them is refused, whichever answers it, and so is every later one on either.
 */
class RateLimitAcrossReplicasIT {

    private static final String OPERATOR = RegistryProcess.OPERATOR;
    private static final int OPERATOR_REQUESTS = 12;
    private static final int ACCOUNT_REQUESTS = 8;

    @Test
    void twoReplicasShareTheOperatorsAndEachAccountsRate() {
        PostgresServer postgres = PostgresTestResource.server();
        String database = "registry_rates_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabaseIfMissing(database);
        try (KafkaBroker kafka = KafkaBroker.startTemporary();
                ServiceProcess first = start(kafka, postgres, database, "registry-replica-1");
                ServiceProcess second = start(kafka, postgres, database, "registry-replica-2")) {
            List<ServiceProcess> replicas = List.of(first, second);
            String account = operator(first).body(Map.of("name", "shared")).post("/api/v1/accounts")
                    .then().statusCode(201).extract().path("id");
            String key = operator(second).post("/api/v1/accounts/{id}/api-keys", account).then().statusCode(201).extract().path("key");
            for (int i = 2; i < OPERATOR_REQUESTS; i++) {
                operator(replicas.get(i % 2)).get("/api/v1/accounts/{id}/limits", account).then().statusCode(200)
                        .header("RateLimit", matchesPattern("\"operator\";r=" + (OPERATOR_REQUESTS - i - 1) + ";t=\\d+"));
            }
            for (ServiceProcess replica : replicas) {
                operator(replica).get("/api/v1/accounts/{id}/limits", account).then().statusCode(429)
                        .contentType("application/problem+json").header("Retry-After", notNullValue());
            }

            for (int i = 0; i < ACCOUNT_REQUESTS; i++) {
                account(replicas.get(i % 2), key).get("/api/v1/webhooks").then().statusCode(200);
            }
            for (ServiceProcess replica : replicas) {
                account(replica, key).get("/api/v1/webhooks").then().statusCode(429).body("status", equalTo(429))
                        .header("Retry-After", notNullValue());
            }
        } finally {
            postgres.dropDatabaseIfExists(database);
        }
    }

    private static ServiceProcess start(KafkaBroker kafka, PostgresServer postgres, String database, String name) {
        return RegistryProcess.start(kafka, postgres, database, Map.of(
                "STATALOG_RATE_LIMITS_OPERATOR_REQUESTS", Integer.toString(OPERATOR_REQUESTS),
                "STATALOG_RATE_LIMITS_ACCOUNT_REQUESTS", Integer.toString(ACCOUNT_REQUESTS),
                // a request comes back every 5 min at the earliest: none during the test, however slowly it runs
                "STATALOG_RATE_LIMITS_WINDOW", "1h"), name);
    }

    private static RequestSpecification operator(ServiceProcess replica) {
        return given().baseUri(replica.url()).auth().oauth2(OPERATOR).contentType(ContentType.JSON);
    }

    private static RequestSpecification account(ServiceProcess replica, String key) {
        return given().baseUri(replica.url()).auth().oauth2(key).contentType(ContentType.JSON);
    }
}
