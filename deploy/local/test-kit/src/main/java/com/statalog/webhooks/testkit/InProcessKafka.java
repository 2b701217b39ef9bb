package com.statalog.webhooks.testkit;

/** The broker of this test JVM: started on first use, shared by every test class, stopped with the JVM. */
final class InProcessKafka {

    private static KafkaBroker broker;

    private InProcessKafka() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            broker = KafkaBroker.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(InProcessKafka::stop, "in-process-kafka-stop"));
        }
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
