package com.statalog.webhooks.testkit;

/**
 * The broker of this test JVM: started on first use, shared by every test class, stopped with the JVM.
 * <p>
 * Its address is kept in a system property, not only in a field: Quarkus loads the test kit anew in
 * its own class loader, so a plain JUnit test and the Quarkus tests of one JVM see different copies
 * of this class. With a field alone each copy started its own broker, and the second one, started
 * late in a suite whose heap held the earlier applications, ran the test JVM out of memory in CI.
 * Test classes run one after another, so the property is read and set without a lock shared
 * between the copies. Its name is outside {@code statalog.}, whose unknown keys fail a service's configuration.
 */
final class InProcessKafka {

    static final String BOOTSTRAP_PROPERTY = "testkit.kafka.bootstrap-servers";

    private static KafkaBroker broker;

    private InProcessKafka() {
    }

    static synchronized String bootstrapServers() {
        String shared = System.getProperty(BOOTSTRAP_PROPERTY);
        if (shared != null) {
            return shared;
        }
        broker = KafkaBroker.startTemporary();
        Runtime.getRuntime().addShutdownHook(new Thread(InProcessKafka::stop, "in-process-kafka-stop"));
        System.setProperty(BOOTSTRAP_PROPERTY, broker.bootstrapServers());
        return broker.bootstrapServers();
    }

    private static synchronized void stop() {
        try {
            broker.close();
        } catch (IllegalStateException e) {
            // the JVM is exiting and the broker's files are temporary: nothing to save
        }
    }
}
