package com.statalog.webhooks.kubernetes;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kafka topics and consumer groups a service's application.properties names (default profile),
 * and its management port (health and metrics).
 */
record ServiceConfiguration(String service, Set<String> topics, Set<String> consumerGroups, int managementPort) {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([^}:]+)}");

    static ServiceConfiguration of(Path projectRoot, String service) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(projectRoot.resolve(service).resolve("src/main/resources/application.properties"))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> topics = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            String value = resolve(properties, properties.getProperty(key));
            if (key.startsWith("statalog.topics.") || key.startsWith("mp.messaging.") && key.endsWith(".topic")) {
                Arrays.stream(value.split(",")).map(String::strip).filter(name -> !name.isEmpty()).forEach(topics::add);
            } else if (key.startsWith("mp.messaging.incoming.") && key.endsWith(".group.id")) {
                groups.add(value);
            }
        }
        return new ServiceConfiguration(service, topics, groups, Integer.parseInt(properties.getProperty("quarkus.management.port")));
    }

    private static String resolve(Properties properties, String value) {
        Matcher expression = EXPRESSION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (expression.find()) {
            String referenced = properties.getProperty(expression.group(1));
            if (referenced == null) {
                throw new IllegalStateException("unresolved ${" + expression.group(1) + "}");
            }
            expression.appendReplacement(resolved, Matcher.quoteReplacement(resolve(properties, referenced)));
        }
        return expression.appendTail(resolved).toString();
    }
}
