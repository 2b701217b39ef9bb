package com.statalog.webhooks.registry.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Values reach COPY escaped, NULL as \N and bytes as hex: whatever an endpoint answered cannot break a row. */
class CopyTextTest {

    @Test
    void aRowIsOneLineOfEscapedTabSeparatedValues() {
        UUID webhook = UUID.fromString("11111111-1111-1111-1111-111111111111");
        UUID id = UUID.fromString("22222222-2222-2222-2222-222222222222");
        UUID account = UUID.fromString("33333333-3333-3333-3333-333333333333");
        Instant at = Instant.parse("2026-11-30T10:00:00.123456Z");
        LogRow row = new LogRow(webhook, id, account, at, null, 0, 1, false, "goal.converted", null, "retrying", List.of(),
                new byte[] {0x0f, (byte) 0xa0});

        String text = CopyText.of(List.of(row), attempts -> "[\"tab\there\\\\ new\nline\r\0\"]");

        assertEquals(webhook + "\t" + id + "\t" + account + "\t2026-11-30T10:00:00.123456Z\t\\N\t0\t1\tf\tgoal.converted\t\\N\t"
                + "retrying\t[\"tab\\there\\\\\\\\ new\\nline\\r\"]\t\\\\x0fa0\n", text);
    }
}
