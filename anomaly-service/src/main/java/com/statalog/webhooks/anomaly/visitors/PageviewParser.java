package com.statalog.webhooks.anomaly.visitors;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads a record of statalog.pageviews, or says why it cannot be counted. */
@ApplicationScoped
public class PageviewParser {

    /** Pageviews are small; anything bigger is not one. */
    static final int MAX_BYTES = 16 * 1024;
    private static final int MAX_ID_LENGTH = 256;

    private final ObjectMapper json;

    PageviewParser(ObjectMapper json) {
        this.json = json;
    }

    public Pageview parse(String key, byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidPageviewException("empty_value: the record has no value");
        }
        if (value.length > MAX_BYTES) {
            throw new InvalidPageviewException("too_large: the value is " + value.length + " bytes, over " + MAX_BYTES);
        }
        JsonNode pageview;
        try {
            pageview = json.readTree(value);
        } catch (IOException e) {
            throw new InvalidPageviewException("not_json: the value is not valid UTF-8 JSON");
        }
        if (pageview == null || !pageview.isObject()) {
            throw new InvalidPageviewException("not_object: the value is not a JSON object");
        }
        String siteId = identifier(pageview, "site_id");
        String visitorId = identifier(pageview, "visitor_id");
        // the contract's key is the site_id: a record without one would lose its site's partition and order
        if (!siteId.equals(key)) {
            throw new InvalidPageviewException("key_mismatch: the record key is missing or does not equal site_id");
        }
        JsonNode timestamp = pageview.get("timestamp");
        if (timestamp == null || !timestamp.isTextual()) {
            throw new InvalidPageviewException("bad_timestamp: timestamp is missing or not a string");
        }
        return new Pageview(siteId, visitorId, utcDay(timestamp.asText()));
    }

    private static String identifier(JsonNode pageview, String field) {
        JsonNode node = pageview.get(field);
        if (node == null || !node.isTextual() || node.asText().isBlank() || node.asText().length() > MAX_ID_LENGTH) {
            throw new InvalidPageviewException("bad_" + field + ": " + field + " is missing, not a string, empty or over "
                    + MAX_ID_LENGTH + " characters");
        }
        return node.asText();
    }

    private static java.time.LocalDate utcDay(String timestamp) {
        try {
            Instant instant = OffsetDateTime.parse(timestamp).toInstant();
            return instant.atOffset(ZoneOffset.UTC).toLocalDate();
        } catch (DateTimeParseException e) {
            throw new InvalidPageviewException("bad_timestamp: timestamp is not an ISO-8601 date-time with offset");
        }
    }
}
