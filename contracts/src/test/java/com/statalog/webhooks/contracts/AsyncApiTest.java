package com.statalog.webhooks.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The AsyncAPI document describes exactly the topics of {@link Topic}, and every message schema it names exists and is used. */
class AsyncApiTest {

    private static final Path SCHEMAS = Path.of("src/main/resources/contracts");

    @Test
    void everyTopicIsAChannelAndEveryChannelATopic() throws IOException {
        JsonNode document = asyncApi();
        assertEquals("3.0.0", document.get("asyncapi").asText());
        Set<String> addresses = new TreeSet<>();
        document.get("channels").forEach(channel -> addresses.add(channel.get("address").asText()));

        assertEquals(Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.toCollection(TreeSet::new)), addresses);
    }

    @Test
    void everyMessageSchemaExistsAndEverySchemaIsAMessage() throws IOException {
        Set<String> named = new TreeSet<>();
        asyncApi().get("components").get("messages").forEach(message -> named.add(message.get("payload").get("$ref").asText()));
        for (String schema : named) {
            assertNotNull(AsyncApiTest.class.getResource("/contracts/" + schema), schema);
            assertEquals("https://json-schema.org/draft/2020-12/schema",
                    new ObjectMapper().readTree(SCHEMAS.resolve(schema).toFile()).get("$schema").asText(), schema);
        }
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            assertEquals(files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".schema.json"))
                    .collect(Collectors.toCollection(TreeSet::new)), named);
        }
    }

    private static JsonNode asyncApi() throws IOException {
        try (InputStream in = AsyncApiTest.class.getResourceAsStream("/contracts/asyncapi.yaml")) {
            return new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }
}
