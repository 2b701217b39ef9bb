package com.statalog.webhooks.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The monitoring objects (deploy/kubernetes/monitoring/) checked offline with Prometheus's own
 * tool: the PrometheusRule's groups pass {@code promtool check rules} and the unit tests of every
 * alert ({@code promtool test rules alerts-test.yaml}); every query of the Grafana dashboard parses
 * as PromQL (each wrapped in a recording rule and checked the same way); every alert links to its
 * section of the runbook. That every metric they name exists in the running services' /q/metrics
 * is checked against the whole system by deploy/local/check-metrics.sh (run by first-webhook.sh).
 */
class MonitoringTest {

    private static final Path MONITORING = Path.of("monitoring");
    private static final Path WORK = Path.of("target", "monitoring");
    private static final Path RUNBOOK = Path.of("../../docs/runbook.md");
    private static final YAMLMapper YAML = new YAMLMapper();

    private static String promtool;

    @BeforeAll
    static void findPromtool() throws IOException {
        promtool = Executables.onPath("promtool").map(Path::toString).orElseThrow(() -> new IllegalStateException(
                "promtool is not on the PATH: deploy/local/test.sh installs it (Debian: prometheus)"));
        Files.createDirectories(WORK);
    }

    @Test
    void theRulesPassPromtoolAndEveryAlertFiresInItsUnitTestsAndStaysQuietOtherwise() throws Exception {
        Path rules = rules();
        Files.copy(MONITORING.resolve("alerts-test.yaml"), WORK.resolve("alerts-test.yaml"), StandardCopyOption.REPLACE_EXISTING);
        assertPromtool("check", "rules", rules.getFileName().toString());
        String tested = assertPromtool("test", "rules", "alerts-test.yaml");
        assertTrue(tested.contains("SUCCESS"), tested);

        // every alert has a unit test, and a section in the runbook
        String unitTests = Files.readString(MONITORING.resolve("alerts-test.yaml"));
        String runbook = Files.readString(RUNBOOK).toLowerCase();
        List<JsonNode> alerts = rulesWith("alert");
        assertTrue(alerts.size() >= 5, "alerts: " + alerts.size());
        for (JsonNode alert : alerts) {
            String name = alert.get("alert").asText();
            assertTrue(unitTests.contains("alertname: " + name), name + " has no unit test");
            String url = alert.get("annotations").get("runbook_url").asText();
            assertTrue(url.endsWith("#" + name.toLowerCase()), url);
            assertTrue(runbook.contains("## " + name.toLowerCase()), name + " has no section in docs/runbook.md");
        }
    }

    @Test
    void theDashboardImportsAndEveryQueryParses() throws Exception {
        JsonNode dashboard = JsonMapper.builder().build().readTree(MONITORING.resolve("dashboard.json").toFile());
        assertTrue(dashboard.get("schemaVersion").asInt() >= 36, "a schema version Grafana 10+ imports without migrating");
        assertEquals("statalog-webhooks", dashboard.get("uid").asText());
        Set<Integer> ids = new HashSet<>();
        List<Map<String, String>> queries = new ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            int id = panel.get("id").asInt();
            assertTrue(ids.add(id), "panel id " + id + " twice");
            assertEquals("${datasource}", panel.get("datasource").get("uid").asText(), panel.get("title").asText());
            assertTrue(panel.get("targets").size() > 0, panel.get("title").asText());
            for (JsonNode target : panel.get("targets")) {
                Map<String, String> rule = new LinkedHashMap<>();
                rule.put("record", "dashboard:panel_" + id + "_" + target.get("refId").asText());
                rule.put("expr", target.get("expr").asText());
                queries.add(rule);
            }
        }
        // the recording rules the dashboard uses, then each query as one: promtool parses every expression
        Path file = WORK.resolve("dashboard-queries.yaml");
        Map<String, Object> groups = Map.of("groups", List.of(Map.of("name", "dashboard", "rules", queries)));
        YAML.writeValue(file.toFile(), groups);
        assertPromtool("check", "rules", rules().getFileName().toString(), file.getFileName().toString());
        List<String> recorded = rulesWith("record").stream().map(rule -> rule.get("record").asText()).toList();
        Matcher used = Pattern.compile("statalog:[a-z0-9_:]+").matcher(queries.toString());
        while (used.find()) {
            assertTrue(recorded.contains(used.group()), used.group() + " is not recorded by prometheus-rules.yaml");
        }
    }

    /** prometheus-rules.yaml's groups as a rule file promtool reads. */
    private static Path rules() throws IOException {
        Path file = WORK.resolve("statalog-rules.yaml");
        YAML.writeValue(file.toFile(), YAML.readTree(MONITORING.resolve("prometheus-rules.yaml").toFile()).get("spec"));
        return file;
    }

    /** The rules of prometheus-rules.yaml that are of this kind: {@code alert} or {@code record}. */
    private static List<JsonNode> rulesWith(String kind) throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        for (JsonNode group : YAML.readTree(MONITORING.resolve("prometheus-rules.yaml").toFile()).get("spec").get("groups")) {
            group.get("rules").forEach(rule -> {
                if (rule.has(kind)) {
                    rules.add(rule);
                }
            });
        }
        return rules;
    }

    /** Runs promtool in target/monitoring and answers its output; fails the test on a non-zero exit. */
    private static String assertPromtool(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(promtool));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "promtool did not finish");
        assertEquals(0, process.exitValue(), String.join(" ", command) + "\n" + output);
        return output;
    }
}
