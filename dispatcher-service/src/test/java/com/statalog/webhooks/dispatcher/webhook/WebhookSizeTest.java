package com.statalog.webhooks.dispatcher.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import com.statalog.webhooks.contracts.config.Goals;
import com.statalog.webhooks.contracts.config.SealedSecret;
import com.statalog.webhooks.contracts.config.WebhookState;

/** The registry's field limits are the dispatcher's sanity bounds: at the limit loaded, one past it refused. */
class WebhookSizeTest {

    @Test
    void aUrlOfTheRegistrysLongestIsHeldAndOneLongerIsNot() {
        assertEquals(Optional.empty(), WebhookSize.oversized(state(url(2048), null, 100)));
        assertEquals(Optional.of("url longer than 2048 characters"), WebhookSize.oversized(state(url(2049), null, 100)));
    }

    @Test
    void aGoalFilterOfTheRegistrysLargestIsHeldAndALargerOneIsNot() {
        List<String> fifty = names(50, 100);
        assertEquals(Optional.empty(), WebhookSize.oversized(state(url(40), new Goals(List.of(), fifty), 100)));
        assertEquals(Optional.of("more than 50 goal ids and names"),
                WebhookSize.oversized(state(url(40), new Goals(List.of(1L), fifty), 100)));
        assertEquals(Optional.of("a goal name longer than 100 characters"),
                WebhookSize.oversized(state(url(40), new Goals(List.of(), names(1, 101)), 100)));
    }

    @Test
    void aSecretLargerThanTheRegistryMakesIsRefused() {
        assertTrue(WebhookSize.oversized(state(url(40), null, 1025)).isPresent());
    }

    @Test
    void theEstimateGrowsWithWhatTheWebhookHolds() {
        UUID account = UUID.randomUUID();
        long typical = WebhookSize.bytes(Webhooks.goalWebhook(UUID.randomUUID(), account, "ST-A", "https://hooks.example/h"));
        long longUrl = WebhookSize.bytes(Webhooks.goalWebhook(UUID.randomUUID(), account, "ST-A", url(2048)));
        assertTrue(typical >= WebhookSize.WEBHOOK_BASE_BYTES);
        assertEquals(WebhookSize.string(url(2048)) - WebhookSize.string("https://hooks.example/h"), longUrl - typical);
        assertEquals(24 + 16 + 8, WebhookSize.string("üné"), "one byte a Latin-1 character, the array rounded up to 8");
        assertEquals(24 + 16 + 8, WebhookSize.string("€€€€"), "two bytes a character beyond Latin-1");
        assertEquals(24 + 16 + 16, WebhookSize.string("€€€€€"));
        assertEquals(24 + 16 + 2048, WebhookSize.string(url(2048)));
    }

    private static WebhookState state(String url, Goals goals, int secretChars) {
        return new WebhookState(WebhookState.TYPE, UUID.randomUUID(), UUID.randomUUID(), "ST-A", url, List.of("goal.converted"), 50,
                50, goals, true, new SealedSecret("k", "s".repeat(secretChars)), null);
    }

    private static String url(int length) {
        String prefix = "https://hooks.example/";
        return prefix + String.join("", Collections.nCopies(length - prefix.length(), "a"));
    }

    private static List<String> names(int count, int length) {
        return IntStream.range(0, count).mapToObj(i -> String.format("%0" + length + "d", i)).toList();
    }
}
