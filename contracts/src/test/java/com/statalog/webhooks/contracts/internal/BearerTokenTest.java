package com.statalog.webhooks.contracts.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BearerTokenTest {

    @Test
    void theTokenIsWhatFollowsTheSchemeWhateverItsCase() {
        assertEquals("s3cret", BearerToken.of("Bearer s3cret"));
        assertEquals("s3cret", BearerToken.of("bearer  s3cret "));
        assertEquals("", BearerToken.of("Basic czNjcmV0"));
        assertEquals("", BearerToken.of(null));
        assertEquals("", BearerToken.of("Bearer"));
    }

    @Test
    void onlyTheExactTokenIsCarried() {
        assertTrue(BearerToken.carries("Bearer s3cret", "s3cret"));
        assertFalse(BearerToken.carries("Bearer s3cret-and-more", "s3cret"));
        assertFalse(BearerToken.carries("Bearer s3cre", "s3cret"));
        assertFalse(BearerToken.carries(null, "s3cret"));
        assertFalse(BearerToken.carries("Bearer ", ""), "an unset token never lets anyone in");
    }
}
