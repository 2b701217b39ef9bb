package com.statalog.webhooks.kubernetes;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** What every Deployment of ours must have; each broken rule is one readable line. */
final class DeploymentRules {

    private DeploymentRules() {
    }

    static List<String> problems(Deployment deployment) {
        List<String> problems = new ArrayList<>();
        String name = deployment.getMetadata().getName();
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        boolean podNonRoot = Optional.ofNullable(pod.getSecurityContext()).map(PodSecurityContext::getRunAsNonRoot).orElse(false);
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            problems.add(name + ": the pod mounts a service account token it does not need");
        }
        for (Container container : pod.getContainers()) {
            String where = name + "/" + container.getName();
            probe(problems, where, "startupProbe", container.getStartupProbe());
            probe(problems, where, "readinessProbe", container.getReadinessProbe());
            probe(problems, where, "livenessProbe", container.getLivenessProbe());
            resources(problems, where, container.getResources());
            security(problems, where, container.getSecurityContext(), podNonRoot);
            container.getEnv().stream()
                    .filter(env -> env.getValue() != null && looksSecret(env.getName()))
                    .forEach(env -> problems.add(where + ": " + env.getName() + " is set in clear; take it from a Secret"));
        }
        return problems;
    }

    static boolean looksSecret(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.contains("token") || lower.contains("password") || lower.contains("secret") || lower.contains("jaas");
    }

    private static void probe(List<String> problems, String where, String kind, Probe probe) {
        if (probe == null) {
            problems.add(where + ": no " + kind);
        } else if (probe.getHttpGet() == null || !probe.getHttpGet().getPath().startsWith("/q/health/")) {
            problems.add(where + ": " + kind + " is not an HTTP GET on /q/health/*");
        } else if (!"management".equals(probe.getHttpGet().getPort().getStrVal())) {
            // health is served on the management port only (quarkus.management), never on the public one
            problems.add(where + ": " + kind + " is not on the port named management");
        }
    }

    private static void resources(List<String> problems, String where, ResourceRequirements resources) {
        if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
            problems.add(where + ": no memory limit");
        }
        if (resources == null || resources.getRequests() == null
                || !resources.getRequests().containsKey("memory") || !resources.getRequests().containsKey("cpu")) {
            problems.add(where + ": no cpu and memory requests");
        }
    }

    private static void security(List<String> problems, String where, SecurityContext security, boolean podNonRoot) {
        if (security == null) {
            problems.add(where + ": no securityContext");
            return;
        }
        if (!podNonRoot && !Boolean.TRUE.equals(security.getRunAsNonRoot())) {
            problems.add(where + ": may run as root (runAsNonRoot)");
        }
        if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            problems.add(where + ": root filesystem is writable (readOnlyRootFilesystem)");
        }
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            problems.add(where + ": allowPrivilegeEscalation is not false");
        }
        boolean dropsAll = Optional.ofNullable(security.getCapabilities()).map(Capabilities::getDrop)
                .map(drop -> drop.contains("ALL")).orElse(false);
        if (!dropsAll) {
            problems.add(where + ": capabilities are not all dropped");
        }
    }
}
