package com.statalog.webhooks.contracts.config;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Writes and reads the values of statalog.webhook-config (schema: contracts/config.schema.json).
 * A value that cannot be read, or lacks a member the schema requires, is an
 * {@link InvalidConfigMessage}: readers skip that record and go on, and the exception names the
 * member, never a value (values hold sealed secrets and URLs that may carry credentials).
 */
public final class ConfigMessages {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // newer writers may add members; older readers ignore them
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .build();

    private ConfigMessages() {
    }

    public static String write(SiteState site) {
        return serialize(site);
    }

    public static String write(WebhookState webhook) {
        return serialize(webhook);
    }

    public static SiteState readSite(String value) {
        SiteState site = deserialize(value, SiteState.class);
        require(site.accountId() != null, "account_id");
        return site;
    }

    public static WebhookState readWebhook(String value) {
        WebhookState webhook = deserialize(value, WebhookState.class);
        require(webhook.accountId() != null, "account_id");
        require(webhook.url() != null, "url");
        require(webhook.events() != null, "events");
        require(webhook.secret() != null && webhook.secret().keyId() != null && webhook.secret().ciphertext() != null, "secret");
        PreviousSecret previous = webhook.previousSecret();
        require(previous == null || previous.keyId() != null && previous.ciphertext() != null && previous.until() != null,
                "previous_secret");
        return webhook;
    }

    private static void require(boolean present, String member) {
        if (!present) {
            throw new InvalidConfigMessage("missing or null: " + member);
        }
    }

    private static String serialize(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T deserialize(String value, Class<T> type) {
        try {
            return JSON.readValue(value, type);
        } catch (IOException unreadable) {
            // Jackson's message quotes the input: only the member it stopped at is kept
            throw new InvalidConfigMessage("unreadable " + type.getSimpleName() + ": " + pathOf(unreadable));
        }
    }

    private static String pathOf(IOException unreadable) {
        if (unreadable instanceof JsonMappingException mapping) {
            return mapping.getPathReference();
        }
        return "(not JSON)";
    }

    /** A configuration value that does not follow the contract. */
    public static final class InvalidConfigMessage extends RuntimeException {
        InvalidConfigMessage(String reason) {
            super(reason, null, false, false);
        }
    }
}
