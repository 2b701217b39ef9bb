package com.statalog.webhooks.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** The checks catch what they are there for: a checker that passes everything would pass our manifests too. */
class ModelObjectsTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: example
            spec:
              selector:
                matchLabels: {app: example}
              template:
                metadata:
                  labels: {app: example}
                spec:
                  automountServiceAccountToken: false
                  securityContext: {runAsNonRoot: true}
                  containers:
                    - name: example
                      image: example
                      env:
                        - {name: STATALOG_SERVICE_TOKEN, value: in-clear}
                      %s
                      startupProbe: {httpGet: {path: /q/health/started, port: management}}
                      livenessProbe: {httpGet: {path: /q/health/live, port: management}}
                      securityContext:
                        allowPrivilegeEscalation: false
                        readOnlyRootFilesystem: true
                        capabilities: {drop: [ALL]}
            """;

    @Test
    void aMisspeltFieldIsReportedWithItsPath() {
        var object = ModelObjects.typed(manifest(DEPLOYMENT.formatted("readinesProbe: {httpGet: {path: /q/health/ready, port: management}}")));

        assertEquals(List.of("spec.template.spec.containers[0].readinesProbe"), ModelObjects.unknownFields(object));
    }

    @Test
    void aMisspeltFieldInAStrimziObjectIsReported() {
        var topic = ModelObjects.typed(manifest("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaTopic
                metadata: {name: t}
                spec: {partitions: 3, replica: 3}
                """));

        assertEquals(List.of("spec.replica"), ModelObjects.unknownFields(topic));
    }

    @Test
    void anUnknownKindOrVersionIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> ModelObjects.typed(manifest("""
                apiVersion: kafka.strimzi.io/v1beta9
                kind: KafkaTopic
                metadata: {name: t}
                """)));
        assertThrows(IllegalArgumentException.class, () -> ModelObjects.typed(manifest("""
                apiVersion: apps/v1
                kind: Deploymnet
                metadata: {name: t}
                """)));
    }

    @Test
    void aMissingProbeLimitsAndASecretInClearAreProblems() {
        var deployment = (Deployment) ModelObjects.typed(manifest(DEPLOYMENT.formatted("")));

        List<String> problems = DeploymentRules.problems(deployment);

        assertEquals(List.of("example/example: no readinessProbe", "example/example: no memory limit",
                "example/example: no cpu and memory requests",
                "example/example: STATALOG_SERVICE_TOKEN is set in clear; take it from a Secret"), problems);
    }

    @Test
    void aContainerThatMayEscalateIsAProblem() {
        var deployment = (Deployment) ModelObjects.typed(manifest(DEPLOYMENT.formatted("")
                .replace("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true")
                .replace("drop: [ALL]", "drop: [NET_RAW]")));

        List<String> problems = DeploymentRules.problems(deployment);

        assertTrue(problems.contains("example/example: allowPrivilegeEscalation is not false"), problems.toString());
        assertTrue(problems.contains("example/example: capabilities are not all dropped"), problems.toString());
    }

    private static Map<String, Object> manifest(String yaml) {
        return RenderedOverlay.documents(yaml).get(0);
    }
}
