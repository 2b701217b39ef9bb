package com.statalog.webhooks.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.api.kafka.model.user.KafkaUserAuthorizationSimple;
import io.strimzi.api.kafka.model.user.acl.AclOperation;
import io.strimzi.api.kafka.model.user.acl.AclResourcePatternType;
import io.strimzi.api.kafka.model.user.acl.AclRule;
import io.strimzi.api.kafka.model.user.acl.AclRuleGroupResource;
import io.strimzi.api.kafka.model.user.acl.AclRuleTopicResource;

import com.statalog.webhooks.contracts.Topic;
import com.statalog.webhooks.dispatcher.egress.EgressBlocks;

/** Every overlay, rendered and checked offline against the model, the services' configuration and our rules. */
class ManifestsTest {

    private static final Path PROJECT_ROOT = Path.of("../..").toAbsolutePath().normalize();
    private static final List<String> SERVICES = List.of("registry-service", "dispatcher-service", "anomaly-service");

    /** Rendered once for all the checks: each rendering is a kubectl process. */
    private static List<RenderedOverlay> rendered;

    static synchronized Stream<RenderedOverlay> overlays() throws IOException {
        if (rendered == null) {
            try (Stream<Path> dirs = Files.list(Path.of("overlays"))) {
                rendered = dirs.sorted().map(RenderedOverlay::of).toList();
            }
        }
        assertFalse(rendered.isEmpty());
        return rendered.stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectIsKnownToTheModelWithoutUnknownFields(RenderedOverlay overlay) {
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> manifest : overlay.objects()) {
            try {
                HasMetadata object = ModelObjects.typed(manifest);
                if (object instanceof GenericKubernetesResource) {
                    continue; // KEDA's: checked by theDispatcherScalesNoFurtherThanThePartitionsOfTheEventsTopic
                }
                ModelObjects.unknownFields(object).forEach(field -> problems.add(describe(object) + ": unknown field " + field));
            } catch (IllegalArgumentException e) {
                problems.add(manifest.get("kind") + " " + e.getMessage());
            }
        }
        assertEquals(List.of(), problems, overlay.name());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceIsADeploymentWithProbesLimitsAndALockedDownContainer(RenderedOverlay overlay) {
        Objects objects = new Objects(overlay);
        List<Deployment> deployments = objects.all(Deployment.class);
        assertEquals(Set.copyOf(SERVICES), names(deployments), overlay.name());
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : deployments) {
            problems.addAll(DeploymentRules.problems(deployment));
            String name = deployment.getMetadata().getName();
            for (Class<? extends HasMetadata> companion : List.of(Service.class, ServiceAccount.class, PodDisruptionBudget.class)) {
                if (!names(objects.all(companion)).contains(name)) {
                    problems.add(name + ": no " + companion.getSimpleName());
                }
            }
            if (!deployment.getSpec().getTemplate().getMetadata().getAnnotations().containsKey("prometheus.io/scrape")) {
                problems.add(name + ": not scraped by Prometheus");
            }
        }
        assertEquals(List.of(), problems, overlay.name());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void healthAndMetricsAreOnTheManagementPortWhichNoServiceExposes(RenderedOverlay overlay) {
        Objects objects = new Objects(overlay);
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : objects.all(Deployment.class)) {
            String name = deployment.getMetadata().getName();
            int management = ServiceConfiguration.of(PROJECT_ROOT, name).managementPort();
            List<Integer> declared = deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .filter(port -> "management".equals(port.getName())).map(port -> port.getContainerPort()).toList();
            if (!declared.equals(List.of(management))) {
                problems.add(name + ": the container's port named management is " + declared + ", its quarkus.management.port " + management);
            }
            if (!String.valueOf(management).equals(deployment.getSpec().getTemplate().getMetadata().getAnnotations().get("prometheus.io/port"))) {
                problems.add(name + ": Prometheus does not scrape the management port " + management);
            }
            objects.all(Service.class).stream().filter(service -> service.getMetadata().getName().equals(name))
                    .flatMap(service -> service.getSpec().getPorts().stream())
                    .filter(port -> port.getPort() == management || "management".equals(port.getTargetPort().getStrVal()))
                    .forEach(port -> problems.add(name + ": its Service exposes the management port"));
        }
        assertEquals(List.of(), problems, overlay.name());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyTopicTheServicesNameIsAKafkaTopicWithProductionDurability(RenderedOverlay overlay) {
        Map<String, KafkaTopic> topics = new Objects(overlay).all(KafkaTopic.class).stream()
                .collect(Collectors.toMap(topic -> topic.getSpec().getTopicName(), topic -> topic));
        Set<String> named = new TreeSet<>();
        SERVICES.forEach(service -> named.addAll(ServiceConfiguration.of(PROJECT_ROOT, service).topics()));
        assertEquals(Set.of(), difference(named, topics.keySet()), "topics named in configuration without a KafkaTopic");
        assertEquals(Arrays.stream(Topic.values()).map(Topic::topicName).collect(Collectors.toSet()), topics.keySet(),
                "the KafkaTopics are the system's topics (deploy/local Topic.java)");
        for (Topic topic : Topic.values()) {
            KafkaTopic declared = topics.get(topic.topicName());
            Map<String, Object> config = declared.getSpec().getConfig();
            assertEquals("statalog-kafka", declared.getMetadata().getLabels().get("strimzi.io/cluster"), topic.topicName());
            assertEquals(3, declared.getSpec().getReplicas(), topic.topicName());
            assertEquals(2, ((Number) config.get("min.insync.replicas")).intValue(), topic.topicName());
            assertEquals(topic.compacted() ? "compact" : "delete", config.get("cleanup.policy"), topic.topicName());
            assertTrue(topic.compacted() || config.containsKey("retention.ms"), topic.topicName() + " has no retention");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyServiceHasItsOwnKafkaUserAllowedExactlyWhatItsConfigurationUses(RenderedOverlay overlay) {
        Objects objects = new Objects(overlay);
        List<String> problems = new ArrayList<>();
        for (Deployment deployment : objects.all(Deployment.class)) {
            String service = deployment.getMetadata().getName();
            String user = env(deployment, "KAFKA_SASL_JAAS_CONFIG").getValueFrom().getSecretKeyRef().getName();
            KafkaUser kafkaUser = objects.named(KafkaUser.class, user);
            assertEquals("scram-sha-512", kafkaUser.getSpec().getAuthentication().getType(), user);
            List<AclRule> acls = ((KafkaUserAuthorizationSimple) kafkaUser.getSpec().getAuthorization()).getAcls();
            ServiceConfiguration configuration = ServiceConfiguration.of(PROJECT_ROOT, service);
            configuration.topics().stream().filter(topic -> acls.stream().noneMatch(topicRule(topic)))
                    .forEach(topic -> problems.add(service + " (" + user + "): no ACL for topic " + topic));
            configuration.consumerGroups().stream().filter(group -> acls.stream().noneMatch(groupRule(group)))
                    .forEach(group -> problems.add(service + " (" + user + "): no ACL for consumer group " + group));
            acls.stream().filter(acl -> acl.getOperations().contains(AclOperation.ALL))
                    .forEach(acl -> problems.add(user + ": ACL with operation All"));
        }
        assertEquals(List.of(), problems, overlay.name());
        // one user per service, and KEDA's where it reads the dispatcher's lag (allowed to describe, nothing more)
        Set<String> users = new TreeSet<>(objects.all(KafkaUser.class).stream().map(u -> u.getMetadata().getName()).toList());
        boolean keda = objects.all(GenericKubernetesResource.class).stream().anyMatch(object -> object.getKind().equals("ScaledObject"));
        assertEquals(keda ? 4 : 3, users.size(), users.toString());
        if (keda) {
            ((KafkaUserAuthorizationSimple) objects.named(KafkaUser.class, "statalog-keda").getSpec().getAuthorization()).getAcls()
                    .forEach(acl -> assertEquals(List.of(AclOperation.DESCRIBE), acl.getOperations(), "statalog-keda"));
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    @SuppressWarnings("unchecked")
    void theDispatcherScalesNoFurtherThanThePartitionsOfTheEventsTopic(RenderedOverlay overlay) {
        Objects objects = new Objects(overlay);
        int partitions = objects.all(KafkaTopic.class).stream()
                .filter(topic -> topic.getSpec().getTopicName().equals(Topic.EVENTS.topicName()))
                .findFirst().orElseThrow().getSpec().getPartitions();
        List<GenericKubernetesResource> scaledObjects = objects.all(GenericKubernetesResource.class).stream()
                .filter(object -> object.getKind().equals("ScaledObject")).toList();
        List<HorizontalPodAutoscaler> autoscalers = objects.all(HorizontalPodAutoscaler.class);
        // by CPU (the default) or by lag (the keda overlay), never both: two autoscalers would fight
        assertEquals(1, scaledObjects.size() + autoscalers.size(), overlay.name());
        if (!autoscalers.isEmpty()) {
            HorizontalPodAutoscaler autoscaler = objects.named(HorizontalPodAutoscaler.class, "dispatcher-service");
            assertEquals("dispatcher-service", autoscaler.getSpec().getScaleTargetRef().getName());
            assertTrue(autoscaler.getSpec().getMaxReplicas() <= partitions,
                    "maxReplicas " + autoscaler.getSpec().getMaxReplicas() + " > " + partitions + " partitions");
            return;
        }
        Map<String, Object> spec = (Map<String, Object>) scaledObjects.get(0).getAdditionalProperties().get("spec");
        assertEquals("dispatcher-service", ((Map<String, Object>) spec.get("scaleTargetRef")).get("name"));
        int max = ((Number) spec.get("maxReplicaCount")).intValue();
        assertTrue(max <= partitions, "maxReplicaCount " + max + " > " + partitions + " partitions");
        assertTrue(((Number) spec.get("minReplicaCount")).intValue() >= 2, "fewer than 2 replicas");
        Map<String, Object> trigger = ((List<Map<String, Object>>) spec.get("triggers")).get(0);
        Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
        assertEquals("kafka", trigger.get("type"));
        assertEquals(Topic.EVENTS.topicName(), metadata.get("topic"));
        assertTrue(ServiceConfiguration.of(PROJECT_ROOT, "dispatcher-service").consumerGroups().contains(metadata.get("consumerGroup")),
                "the lag of a group the dispatcher does not consume in: " + metadata.get("consumerGroup"));
        String authentication = (String) ((Map<String, Object>) trigger.get("authenticationRef")).get("name");
        assertTrue(objects.all(GenericKubernetesResource.class).stream().anyMatch(object -> object.getKind().equals("TriggerAuthentication")
                && object.getMetadata().getName().equals(authentication)), "no TriggerAuthentication " + authentication);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void configMapsHoldNothingSecretAndEveryReferenceResolves(RenderedOverlay overlay) {
        Objects objects = new Objects(overlay);
        Set<String> configMaps = names(objects.all(ConfigMap.class));
        List<String> problems = new ArrayList<>();
        objects.all(ConfigMap.class).forEach(map -> map.getData().keySet().stream().filter(DeploymentRules::looksSecret)
                .forEach(key -> problems.add("ConfigMap " + map.getMetadata().getName() + " holds " + key)));
        for (Deployment deployment : objects.all(Deployment.class)) {
            var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            Stream.concat(
                    container.getEnv().stream().filter(env -> env.getValueFrom() != null && env.getValueFrom().getConfigMapKeyRef() != null)
                            .map(env -> env.getValueFrom().getConfigMapKeyRef().getName()),
                    container.getEnvFrom().stream().map(EnvFromSource::getConfigMapRef).filter(ref -> ref != null).map(ref -> ref.getName()))
                    .filter(name -> !configMaps.contains(name))
                    .forEach(name -> problems.add(deployment.getMetadata().getName() + " refers to a missing ConfigMap " + name));
        }
        assertEquals(List.of(), problems, overlay.name());
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void networkPoliciesDenyByDefaultAndKeepTheDispatcherOffPrivateAndMetadataAddresses(RenderedOverlay overlay) {
        Objects objects = new Objects(overlay);
        NetworkPolicy denyAll = objects.named(NetworkPolicy.class, "default-deny");
        assertTrue(denyAll.getSpec().getPodSelector().getMatchLabels() == null
                || denyAll.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertEquals(List.of("Ingress", "Egress"), denyAll.getSpec().getPolicyTypes());
        NetworkPolicy dispatcher = objects.named(NetworkPolicy.class, "dispatcher-egress-internet");
        List<EgressBlocks.IpBlock> internet = dispatcher.getSpec().getEgress().stream().flatMap(rule -> rule.getTo().stream())
                .map(peer -> peer.getIpBlock()).filter(block -> block != null)
                .map(block -> new EgressBlocks.IpBlock(block.getCidr(), block.getExcept())).toList();
        assertEquals(EgressBlocks.allowed(), internet, "the dispatcher's egress must be exactly its URL policy's (EgressBlocks)");
        assertTrue(internet.get(0).except().containsAll(List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
                "169.254.0.0/16", "100.64.0.0/10", "127.0.0.0/8")));
        // any port: the URL policy accepts every port from 1 to 65535
        dispatcher.getSpec().getEgress().forEach(rule -> rule.getPorts().forEach(port -> {
            assertEquals("TCP", port.getProtocol());
            assertNull(port.getPort(), "a port restriction would drop webhooks the API accepted");
        }));
    }

    private static EnvVar env(Deployment deployment, String name) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(env -> env.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError(deployment.getMetadata().getName() + " has no " + name));
    }

    private static Predicate<AclRule> topicRule(String topic) {
        return acl -> acl.getResource() instanceof AclRuleTopicResource resource && matches(resource.getPatternType(), resource.getName(), topic);
    }

    private static Predicate<AclRule> groupRule(String group) {
        return acl -> acl.getResource() instanceof AclRuleGroupResource resource && matches(resource.getPatternType(), resource.getName(), group)
                && acl.getOperations().contains(AclOperation.READ);
    }

    private static boolean matches(AclResourcePatternType pattern, String name, String value) {
        return pattern == AclResourcePatternType.PREFIX ? value.startsWith(name) : value.equals(name);
    }

    private static Set<String> names(List<? extends HasMetadata> objects) {
        return objects.stream().map(object -> object.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> result = new TreeSet<>(left);
        result.removeAll(right);
        return result;
    }

    private static String describe(HasMetadata object) {
        return object.getKind() + " " + object.getMetadata().getName();
    }

    /** The overlay's objects, typed. */
    private record Objects(List<HasMetadata> typed) {

        Objects(RenderedOverlay overlay) {
            this(overlay.objects().stream().map(ModelObjects::typed).toList());
        }

        <T extends HasMetadata> List<T> all(Class<T> type) {
            return typed.stream().filter(type::isInstance).map(type::cast).toList();
        }

        <T extends HasMetadata> T named(Class<T> type, String name) {
            return all(type).stream().filter(object -> object.getMetadata().getName().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name));
        }
    }
}
