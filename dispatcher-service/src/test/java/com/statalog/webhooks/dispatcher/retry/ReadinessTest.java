package com.statalog.webhooks.dispatcher.retry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Readiness tells the truth: ready once the configuration topic is loaded and every retry consumer
 * polls, each named in the health output; a retry consumer that stops makes the replica unready.
 * Its own profile, since it stops a consumer of the application it runs.
 */
@QuarkusTest
@TestProfile(ReadinessTest.OwnApplication.class)
class ReadinessTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    RetryConsumers consumers;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @Test
    void readyWhileTheConfigurationIsLoadedAndEveryRetryConsumerPollsAndNotOnceOneStops() {
        // health is on the management port only, not on the public one
        given().get("/q/health/ready").then().statusCode(404);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(readiness).then().statusCode(200)
                .body("checks.find { it.name == 'configuration-topic' }.data.state", equalTo("loaded"))
                .body("checks.find { it.name == 'retry-consumers' }.data.'statalog.delivery-retry-1'", equalTo("polling"))
                .body("checks.find { it.name == 'retry-consumers' }.data.'statalog.delivery-retry-2'", equalTo("polling")));

        RetryTopicConsumer first = consumers.consumers().get(0);
        first.stop();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(readiness).then().statusCode(503)
                .body("checks.find { it.name == 'retry-consumers' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'retry-consumers' }.data.'" + first.topic() + "'", equalTo("stopped"))
                .body("checks.name", hasItem("configuration-topic")));
    }
}
