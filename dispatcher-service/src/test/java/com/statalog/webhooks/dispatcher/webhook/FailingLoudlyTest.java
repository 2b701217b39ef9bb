package com.statalog.webhooks.dispatcher.webhook;

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
 * The configuration reader's thread ending (an Error it cannot read on from) is not silent: the
 * replica turns unready and not live, so Kubernetes restarts it. Before, an Error ended the thread,
 * readiness stayed UP and no configuration change reached the replica again (issue 35). Its own
 * profile, since it kills the reader of the application it runs.
 */
@QuarkusTest
@TestProfile(FailingLoudlyTest.OwnApplication.class)
class FailingLoudlyTest {

    public static class OwnApplication implements QuarkusTestProfile {
    }

    @Inject
    ConfigTopicReader reader;

    @TestHTTPResource(value = "/health/ready", management = true)
    URL readiness;

    @TestHTTPResource(value = "/health/live", management = true)
    URL liveness;

    @Test
    void aDeadConfigurationReaderMakesTheReplicaUnreadyAndNotLive() {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(readiness).then().statusCode(200));
        given().get(liveness).then().statusCode(200)
                .body("checks.find { it.name == 'configuration-topic-reader' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'retry-consumers-alive' }.status", equalTo("UP"))
                // the intake (channel events) is SmallRye's own liveness check: its consumer's failures turn it DOWN
                .body("checks.find { it.name == 'SmallRye Reactive Messaging - liveness check' }.data.keySet()", hasItem("events"));

        reader.failForTest(new LinkageError("the test ends the configuration reader"));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get(liveness).then().statusCode(503)
                .body("checks.find { it.name == 'configuration-topic-reader' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'configuration-topic-reader' }.data.state", equalTo("ended: LinkageError")));
        given().get(readiness).then().statusCode(503)
                .body("checks.find { it.name == 'configuration-topic' }.status", equalTo("DOWN"))
                .body("checks.find { it.name == 'configuration-topic' }.data.state", equalTo("reader ended: LinkageError"));
    }
}
