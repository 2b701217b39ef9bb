package com.statalog.webhooks.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The events of the spec, by their wire name: what a webhook subscribes to and what statalog.events
 * carries. Each has the spec's description ("Available events") and its example payload, the
 * spec's own, at {@link #example()} (checked against event.schema.json by the contracts' tests).
 */
public enum EventType {
    GOAL_CONVERTED("goal.converted", "A visitor completes a goal you have configured in Statalog"),
    TRAFFIC_SPIKE("traffic.spike", "Yesterday's visitor count exceeds your configured threshold above the rolling average. "
            + EventType.DAILY),
    TRAFFIC_DROP("traffic.drop", "Yesterday's visitor count falls below your configured threshold under the rolling average. "
            + EventType.DAILY);

    private static final String DAILY = "Evaluated once per day, shortly after midnight, when the previous day's totals are finalised.";

    private final String wireName;
    private final String description;

    EventType(String wireName, String description) {
        this.wireName = wireName;
        this.description = description;
    }

    public String wireName() {
        return wireName;
    }

    public String description() {
        return description;
    }

    /** The example payload as JSON text: the spec's own for goal.converted and traffic.spike (contracts/examples/). */
    public String example() {
        String resource = "contracts/examples/" + wireName + ".json";
        try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the contracts lack " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public boolean isTraffic() {
        return this != GOAL_CONVERTED;
    }

    /** Every event's wire name, in declaration order. */
    public static List<String> wireNames() {
        return Arrays.stream(values()).map(EventType::wireName).toList();
    }

    public static Optional<EventType> fromWireName(String name) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(name)).findFirst();
    }
}
