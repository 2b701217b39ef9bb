package com.statalog.webhooks.dispatcher.retry;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URL;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A retry consumer that dies of an Error makes the replica not live as well as unready: its share
 * of the retries would wait forever, and only a restart brings the consumer back. Its own profile,
 * since it kills a consumer of the application it runs.
 */
@QuarkusTest
@TestProfile(RetryConsumerDeathTest.OwnApplication.class)
class RetryConsumerDeathTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    RetryConsumers consumers;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/health/live", management = true)
    URL liveness;

    @Test
    void aRetryConsumerDeadOfAnErrorMakesTheReplicaNotLive() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(readiness).then().statusCode(200));
        RetryTopicConsumer second = consumers.consumers().get(1);

        second.failForTest(new LinkageError("the test ends a retry consumer"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(liveness).then().statusCode(503)
                .body("checks.find { it.name == 'retry-consumers-alive' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'retry-consumers-alive' }.data.'" + second.topic() + "'", equalTo("ended: LinkageError")));
        given().get(readiness).then().statusCode(503)
                .body("checks.find { it.name == 'retry-consumers' }.data.'" + second.topic() + "'", equalTo("ended: LinkageError"));
    }
}
