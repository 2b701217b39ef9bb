package com.statalog.webhooks.testkit;

import java.util.Collections;
import java.util.List;

/** Events of statalog.events as the tests publish them, in the spec's payload format. */
public final class TestEvents {

    private TestEvents() {
    }

    /** {@code count} copies of {@link #goal}, for sendAll: each becomes its own delivery. */
    public static List<String> goals(String site, int count) {
        return Collections.nCopies(count, goal(site));
    }

    /** A goal.converted event of the site: the spec's example with the site's id. */
    public static String goal(String site) {
        return "{\"event\":\"goal.converted\",\"site_id\":\"" + site + "\",\"goal\":{\"id\":17,\"name\":\"Signup\"},"
                + "\"monetary_value\":null,\"visitor_id\":\"anon_1\",\"session_id\":\"sess_1\",\"url\":\"https://example.com/\","
                + "\"timestamp\":\"2025-04-24T14:32:08Z\"}";
    }
}
