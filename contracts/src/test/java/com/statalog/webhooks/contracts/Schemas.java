package com.statalog.webhooks.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The contracts' JSON Schemas (draft 2020-12), loaded from the contracts jar, for tests that check
 * what a service writes. Shipped to the services' tests as the contracts' test jar.
 */
public final class Schemas {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final Map<String, JsonSchema> LOADED = new ConcurrentHashMap<>();

    private Schemas() {
    }

    /** The schema's complaints about {@code json}: empty when it is valid. */
    public static Set<ValidationMessage> check(String schema, String json) {
        try {
            return LOADED.computeIfAbsent(schema, Schemas::load).validate(JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonSchema load(String schema) {
        try (InputStream in = Schemas.class.getResourceAsStream("/contracts/" + schema)) {
            if (in == null) {
                throw new IllegalArgumentException("no schema " + schema);
            }
            return FACTORY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
