package com.statalog.webhooks.testkit;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

import com.statalog.webhooks.local.KafkaTopics;

/**
 * A single-node KRaft broker inside the current JVM, on random ports and temporary data, with the
 * topics of {@link com.statalog.webhooks.contracts.Topic}.
 */
public final class KafkaBroker implements AutoCloseable {

    static {
        // A broker in a test JVM must not end that JVM (Kafka halts on some fatal errors, for
        // example while shutting down); report it instead, and let the tests judge.
        Exit.setHaltProcedure((status, message) -> System.err.println("in-process Kafka asked to halt (" + status + "): " + message));
        Exit.setExitProcedure((status, message) -> System.err.println("in-process Kafka asked to exit (" + status + "): " + message));
    }

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final KafkaClusterTestKit cluster;
    private TcpProxy proxy;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    /** A broker on random ports with temporary data, deleted when it closes. */
    public static KafkaBroker startTemporary() {
        KafkaBroker broker = start(new TestKitNodes.Builder());
        KafkaTopics.createAll(broker.bootstrapServers());
        return broker;
    }

    /**
     * A broker whose clients reach it through a {@link TcpProxy}: {@link #cutNetwork()} is an outage
     * as clients see it (connections closed, new ones refused), {@link #restoreNetwork()} ends it.
     */
    public static KafkaBroker startBehindProxy() {
        int proxyPort = ServiceProcess.freePort();
        KafkaBroker broker = start(new TestKitNodes.Builder().setPerServerProperties(
                Map.of(0, Map.of("advertised.listeners", "EXTERNAL://127.0.0.1:" + proxyPort))));
        String[] direct = broker.cluster.bootstrapServers().split(":");
        broker.proxy = new TcpProxy(proxyPort, new InetSocketAddress(direct[0], Integer.parseInt(direct[1])));
        broker.proxy.restore();
        KafkaTopics.createAll(broker.bootstrapServers());
        return broker;
    }

    public void cutNetwork() {
        proxy.cut();
    }

    public void restoreNetwork() {
        proxy.restore();
    }

    private static KafkaBroker start(TestKitNodes.Builder nodes) {
        KafkaClusterTestKit kit = null;
        try {
            kit = new KafkaClusterTestKit.Builder(nodes
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("share.coordinator.state.topic.replication.factor", "1")
                    .setConfigProp("share.coordinator.state.topic.min.isr", "1")
                    .build();
            kit.format();
            kit.startup();
            waitForReadyBroker(kit);
            return new KafkaBroker(kit);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(kit);
            throw new IllegalStateException("interrupted while starting Kafka", e);
        } catch (Exception e) {
            closeQuietly(kit);
            throw new IllegalStateException("cannot start an in-process Kafka broker: " + e, e);
        }
    }

    /**
     * The test kit gives up on a broker that is not ready after a fixed 15 s, which a loaded CI
     * machine exceeded (its controller stalled for 19 s); a test JVM can afford to wait longer.
     */
    private static void waitForReadyBroker(KafkaClusterTestKit kit) throws Exception {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            try {
                kit.waitForReadyBrokers();
                return;
            } catch (TimeoutException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    /** A broker that failed to start must not leave its threads and ports behind for the next attempt. */
    private static void closeQuietly(KafkaClusterTestKit kit) {
        if (kit == null) {
            return;
        }
        try {
            kit.close();
        } catch (Exception e) {
            System.err.println("a Kafka broker that failed to start did not stop cleanly: " + e);
        }
    }

    public String bootstrapServers() {
        return proxy == null ? cluster.bootstrapServers() : "127.0.0.1:" + proxy.port();
    }

    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        try {
            cluster.close();
        } catch (Exception e) {
            throw new IllegalStateException("the Kafka broker did not stop cleanly", e);
        }
    }
}
