package com.statalog.webhooks.registry.problem;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import com.statalog.webhooks.local.KafkaTestResource;
import com.statalog.webhooks.local.PostgresServer;
import com.statalog.webhooks.local.ServiceProcess;
import com.statalog.webhooks.registry.Api;
import com.statalog.webhooks.registry.Api.Tenant;
import com.statalog.webhooks.registry.DispatcherTestResource;

/** PostgreSQL stops and starts again: the registry answers 503 with a clear body meanwhile, and recovers by itself. */
@QuarkusTest
@TestProfile(DatabaseOutageTest.OwnDatabase.class)
class DatabaseOutageTest {

    static final int PORT = ServiceProcess.freePort();
    static final Path DATA = temporaryDirectory().resolve("pg");
    static EmbeddedPostgres postgres;

    public static class OwnDatabase implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            startPostgres();
            return Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + PORT + "/postgres",
                    "quarkus.datasource.username", "postgres", "quarkus.datasource.password", "",
                    "quarkus.datasource.jdbc.acquisition-timeout", "2S");
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KafkaTestResource.class), new TestResourceEntry(DispatcherTestResource.class));
        }
    }

    @Test
    void theApiAnswers503WhilePostgresIsDownAndRecoversWithoutARestart() throws IOException {
        Tenant tenant = Api.newTenant();

        postgres.close();
        Api.operator().body(Map.of("name", "during the outage")).when().post("/api/v1/accounts")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", equalTo("5"))
                .body("detail", containsString("database is unavailable"))
                .body(org.hamcrest.Matchers.not(containsString("Exception")));
        tenant.request().when().get("/api/v1/webhooks").then().statusCode(503);

        startPostgres();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> tenant.request().when().get("/api/v1/webhooks")
                .then().statusCode(200));
        given().auth().oauth2(Api.OPERATOR).contentType(ContentType.JSON).body(Map.of("name", "after"))
                .when().post("/api/v1/accounts").then().statusCode(201);
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    static void startPostgres() {
        try {
            postgres = PostgresServer.startEmbedded(PORT, DATA);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("registry-outage");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
