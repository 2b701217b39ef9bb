package com.statalog.webhooks.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.statalog.webhooks.contracts.attempt.AttemptRecord;

/** The schemas accept the spec's and the docs' own examples and the records the contract types write, and refuse what the services refuse. */
class SchemaExamplesTest {

    /** The spec's payload formats, word for word (the event catalogue's examples). */
    static final String SPEC_GOAL = EventType.GOAL_CONVERTED.example();
    static final String SPEC_SPIKE = EventType.TRAFFIC_SPIKE.example();

    @Test
    void theSpecsPayloadsAndTheDesignsPageviewFollowTheirSchemas() {
        assertValid("event.schema.json", SPEC_GOAL);
        assertValid("event.schema.json", SPEC_SPIKE);
        assertValid("event.schema.json", EventType.TRAFFIC_DROP.example());
        assertValid("event.schema.json", SPEC_GOAL.replace("49.00", "null"));
        assertValid("pageview.schema.json", "{\"site_id\":\"ST-A1B2C3\",\"visitor_id\":\"anon_7f3a2c\",\"timestamp\":\"2025-04-24T14:32:08Z\"}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no event            | {"site_id":"ST-A"}
            unknown event       | {"event":"goal.deleted","site_id":"ST-A"}
            no site_id          | {"event":"goal.converted"}
            blank site_id       | {"event":"goal.converted","site_id":"  "}
            traffic, no change  | {"event":"traffic.drop","site_id":"ST-A","visitors_yesterday":1}
            change not a number | {"event":"traffic.spike","site_id":"ST-A","change_pct":"12"}
            """)
    void whatTheDispatcherDeadLettersTheEventSchemaRefuses(String what, String event) {
        assertFalse(Schemas.check("event.schema.json", event).isEmpty(), what);
    }

    @Test
    void theDocumentedRecordsFollowTheirSchemas() {
        UUID webhook = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        assertValid("replay.schema.json", "{\"delivery_id\":\"d-1\",\"webhook_id\":\"" + webhook + "\",\"account_id\":\"" + account
                + "\",\"event\":\"goal.converted\",\"site_id\":\"ST-A1B2C3\",\"body\":\"e30=\",\"replay\":1}");
        assertValid("notification.schema.json", "{\"type\":\"webhook.disabled\",\"account_id\":\"" + account + "\",\"webhook_id\":\""
                + webhook + "\",\"webhook_name\":\"CRM\",\"reason\":\"endpoint_gone\",\"message\":\"The endpoint answered 410 Gone.\","
                + "\"disabled_at\":\"2025-04-24T14:32:08Z\"}");
        assertFalse(Schemas.check("notification.schema.json", "{\"type\":\"webhook.disabled\",\"account_id\":\"" + account + "\"}")
                .isEmpty(), "a webhook.disabled notice names its webhook");
        assertValid("delivery-dead-letter.schema.json", "{\"delivery_id\":\"d-1\",\"webhook_id\":\"" + webhook + "\",\"account_id\":\""
                + account + "\",\"event\":\"goal.converted\",\"site_id\":\"ST-A1B2C3\",\"body\":\"e30=\",\"replay\":0,\"attempt\":3,"
                + "\"due_at\":null,\"history\":[{\"attempt\":1,\"at\":\"2025-04-24T14:32:08Z\",\"status_code\":500,\"error\":\"http_status\"}]}");
    }

    @Test
    void attemptRecordsAsTheContractTypeWritesThemFollowTheSchema() throws Exception {
        ObjectMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
        UUID webhook = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        Instant made = Instant.now();
        List<AttemptRecord> records = List.of(
                new AttemptRecord("d-1", webhook, account, "goal.converted", "ST-A", 0, 1, Instant.now(), 42, 500, "http_status",
                        "oops", "retrying", "{}".getBytes(), made, Map.of("X-Statalog-Event", "goal.converted"),
                        Map.of("content-type", "text/plain")),
                new AttemptRecord("d-1", webhook, account, "goal.converted", "ST-A", 0, 2, Instant.now(), 40, 200, null, "{}",
                        "delivered", "{}".getBytes(), made, Map.of("X-Statalog-Event", "goal.converted"), Map.of()),
                new AttemptRecord("d-2", webhook, account, "traffic.drop", null, 1, 1, Instant.now(), 10_000, null, "timeout", null,
                        "dropped", "{}".getBytes(), null, Map.of("X-Statalog-Event", "traffic.drop"), null));
        for (AttemptRecord record : records) {
            String written = json.writeValueAsString(record);
            assertValid("attempt.schema.json", written);
            assertEquals(record.deliveryId(), json.readValue(written, AttemptRecord.class).deliveryId());
        }
    }

    private static void assertValid(String schema, String json) {
        assertEquals(List.of(), List.copyOf(Schemas.check(schema, json)), schema + ": " + json);
    }
}
