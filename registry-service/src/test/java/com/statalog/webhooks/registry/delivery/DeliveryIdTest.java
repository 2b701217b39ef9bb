package com.statalog.webhooks.registry.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Only a UUID's canonical spelling names a delivery: PostgreSQL refuses the short forms Java accepts. */
class DeliveryIdTest {

    @Test
    void aCanonicalUuidInEitherCaseIsAnId() {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        assertEquals(Optional.of(id), DeliveryId.parse("0f8fad5b-d9cb-469f-a165-70867728950e"));
        assertEquals(Optional.of(id), DeliveryId.parse("0F8FAD5B-D9CB-469F-A165-70867728950E"));
    }

    @Test
    void shortGroupsOtherTextAndNothingAreNot() {
        // what Java would make of the first
        assertEquals("00000001-0002-0003-0004-000000000005", UUID.fromString("1-2-3-4-5").toString());
        assertTrue(DeliveryId.parse("1-2-3-4-5").isEmpty());
        assertTrue(DeliveryId.parse("not-a-delivery").isEmpty());
        assertTrue(DeliveryId.parse("").isEmpty());
        assertTrue(DeliveryId.parse(null).isEmpty());
    }
}
