package com.statalog.webhooks.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import com.statalog.webhooks.local.PostgresServer;

/**
 * Gives a Quarkus test its own database: {@code database} (an init argument) on the server of
 * {@code STATALOG_TEST_DB_URL} (default {@code jdbc:postgresql://127.0.0.1:5432}), created when
 * missing; when no server answers there, on an embedded PostgreSQL shared by the test JVM.
 * Test databases are never the local stack's, since tests may clean theirs at start.
 */
public class PostgresTestResource implements QuarkusTestResourceLifecycleManager {

    public static final String URL_ENV = "STATALOG_TEST_DB_URL";
    public static final String USER_ENV = "STATALOG_TEST_DB_USER";
    public static final String PASSWORD_ENV = "STATALOG_TEST_DB_PASSWORD";

    private static PostgresServer server;

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.get("database");
        if (database == null || !database.endsWith("_test")) {
            throw new IllegalArgumentException("PostgresTestResource needs a database name ending in _test");
        }
    }

    @Override
    public Map<String, String> start() {
        PostgresServer pg = server();
        pg.createDatabaseIfMissing(database);
        return Map.of(
                "quarkus.datasource.jdbc.url", pg.databaseUrl(database),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password());
    }

    /** The server of this test JVM, for tests that reach the database directly. */
    public static synchronized PostgresServer server() {
        if (server == null) {
            PostgresServer configured = new PostgresServer(
                    env(URL_ENV, "jdbc:postgresql://127.0.0.1:5432"), env(USER_ENV, "postgres"), env(PASSWORD_ENV, ""));
            server = configured.answers() ? configured : startEmbedded();
        }
        return server;
    }

    private static PostgresServer startEmbedded() {
        try {
            var embedded = PostgresServer.startEmbedded(0, null);
            return PostgresServer.embedded(embedded);
        } catch (IOException e) {
            throw new UncheckedIOException("no PostgreSQL answers and the embedded one did not start", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void stop() {
        // the embedded server, if any, stops with the JVM (zonky registers a shutdown hook)
    }
}
