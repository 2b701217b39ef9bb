package com.statalog.webhooks.contracts.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.statalog.webhooks.contracts.Schemas;

/** The configuration messages: the documented examples and what the codec writes both follow the schemas. */
class ConfigMessagesTest {

    private static final UUID ID = UUID.fromString("7f3e2a10-5b4c-4d2e-9f1a-0c8b7d6e5f40");
    private static final UUID ACCOUNT = UUID.fromString("0b5c7d1e-2f3a-4b6c-8d9e-1a2b3c4d5e6f");

    /** The webhook value as docs/config-topic.md shows it, with every optional member present. */
    private static final String DOCUMENTED_WEBHOOK = """
            {"type":"webhook","id":"7f3e2a10-5b4c-4d2e-9f1a-0c8b7d6e5f40","account_id":"0b5c7d1e-2f3a-4b6c-8d9e-1a2b3c4d5e6f",
             "site_id":"ST-A1B2C3","url":"https://example.com/hooks","events":["goal.converted"],"spike_threshold_pct":50.0,
             "drop_threshold_pct":50.0,"goals":{"ids":[17],"names":["Signup"]},"enabled":true,
             "secret":{"key_id":"k1","ciphertext":"AAECAwQFBgcICQoLDA0ODw=="},
             "previous_secret":{"key_id":"k1","ciphertext":"AAECAwQFBgcICQoLDA0ODw==","until":"2025-04-25T14:32:08Z"}}""";

    @Test
    void theDocumentedValuesFollowTheSchemasAndRead() {
        assertEquals(List.of(), List.copyOf(Schemas.check("config-webhook.schema.json", DOCUMENTED_WEBHOOK)));
        String site = "{\"type\":\"site\",\"site_id\":\"ST-A1B2C3\",\"account_id\":\"" + ACCOUNT + "\"}";
        assertEquals(List.of(), List.copyOf(Schemas.check("config-site.schema.json", site)));

        WebhookState webhook = ConfigMessages.readWebhook(DOCUMENTED_WEBHOOK);
        assertEquals(ID, webhook.id());
        assertEquals(new Goals(List.of(17L), List.of("Signup")), webhook.goals());
        assertEquals(Instant.parse("2025-04-25T14:32:08Z"), webhook.previousSecret().until());
        assertEquals(ACCOUNT, ConfigMessages.readSite(site).accountId());
    }

    @Test
    void whatTheCodecWritesFollowsTheSchemaAndReadsBackTheSame() {
        WebhookState full = ConfigMessages.readWebhook(DOCUMENTED_WEBHOOK);
        WebhookState minimal = new WebhookState(WebhookState.TYPE, ID, ACCOUNT, null, "https://example.com/h", List.of("traffic.drop"),
                25, 75, null, false, new SealedSecret("k1", "AAEC"), null);
        for (WebhookState state : List.of(full, minimal)) {
            String written = ConfigMessages.write(state);
            assertEquals(List.of(), List.copyOf(Schemas.check("config-webhook.schema.json", written)), written);
            assertEquals(state, ConfigMessages.readWebhook(written));
        }
        String site = ConfigMessages.write(SiteState.of("ST-X", ACCOUNT));
        assertEquals(List.of(), List.copyOf(Schemas.check("config-site.schema.json", site)));
        assertEquals(SiteState.of("ST-X", ACCOUNT), ConfigMessages.readSite(site));
    }

    @Test
    void aValueMissingWhatTheSchemaRequiresIsRejectedNamingTheMemberNotTheValues() {
        String noSecret = DOCUMENTED_WEBHOOK.replace("\"secret\":{\"key_id\":\"k1\",\"ciphertext\":\"AAECAwQFBgcICQoLDA0ODw==\"},", "");
        assertFalse(Schemas.check("config-webhook.schema.json", noSecret).isEmpty());
        ConfigMessages.InvalidConfigMessage missing = assertThrows(ConfigMessages.InvalidConfigMessage.class,
                () -> ConfigMessages.readWebhook(noSecret));
        assertTrue(missing.getMessage().contains("secret"), missing.getMessage());

        ConfigMessages.InvalidConfigMessage unreadable = assertThrows(ConfigMessages.InvalidConfigMessage.class,
                () -> ConfigMessages.readWebhook(DOCUMENTED_WEBHOOK.replace("\"enabled\":true", "\"enabled\":\"https://user:pw@x\"")));
        assertFalse(unreadable.getMessage().contains("pw@"), unreadable.getMessage());
        assertThrows(ConfigMessages.InvalidConfigMessage.class, () -> ConfigMessages.readSite("not json"));
    }

    @Test
    void newerMembersAreIgnoredByOlderReaders() {
        WebhookState read = ConfigMessages.readWebhook(DOCUMENTED_WEBHOOK.replace("{\"type\":\"webhook\",", "{\"type\":\"webhook\",\"later\":1,"));
        assertEquals(ID, read.id());
    }

    @Test
    void keysNameTheirEntityAndAnyOtherFormIsNoKey() {
        assertEquals("site:ST-A1B2C3", ConfigKey.site("ST-A1B2C3"));
        assertEquals("webhook:" + ID, ConfigKey.webhook(ID));
        assertEquals(new ConfigKey.Site("ST-A1B2C3"), ConfigKey.parse("site:ST-A1B2C3").orElseThrow());
        assertEquals(new ConfigKey.Webhook(ID), ConfigKey.parse("webhook:" + ID).orElseThrow());
        assertTrue(ConfigKey.parse("webhook:not-a-uuid").isEmpty());
        assertTrue(ConfigKey.parse("site:").isEmpty());
        assertTrue(ConfigKey.parse("account:1").isEmpty());
        assertTrue(ConfigKey.parse(null).isEmpty());
        assertNull(ConfigKey.parse("").orElse(null));
    }
}
