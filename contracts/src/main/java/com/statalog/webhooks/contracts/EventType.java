package com.statalog.webhooks.contracts;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The events of the spec, by their wire name: what a webhook subscribes to and what statalog.events carries. */
public enum EventType {
    GOAL_CONVERTED("goal.converted"),
    TRAFFIC_SPIKE("traffic.spike"),
    TRAFFIC_DROP("traffic.drop");

    private final String wireName;

    EventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
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
