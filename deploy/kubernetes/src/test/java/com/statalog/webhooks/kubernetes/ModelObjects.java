package com.statalog.webhooks.kubernetes;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

/**
 * Reads manifests into fabric8's typed model (Strimzi's for its kinds) and finds what the model
 * did not recognise: fabric8 does not fail on an unknown field, it parks it in the object's
 * {@code additionalProperties}, so a misspelt {@code readinesProbe} would otherwise pass silently.
 */
final class ModelObjects {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Map<String, Class<? extends HasMetadata>> STRIMZI_KINDS = Map.of(
            "kafka.strimzi.io/v1:KafkaTopic", KafkaTopic.class,
            "kafka.strimzi.io/v1:KafkaUser", KafkaUser.class);

    /** KEDA's kinds: no Java model has them, so ManifestsTest checks what matters of them itself. */
    static final Set<String> KEDA_KINDS = Set.of("keda.sh/v1alpha1:ScaledObject", "keda.sh/v1alpha1:TriggerAuthentication");

    private ModelObjects() {
    }

    /**
     * The typed object (for KEDA's kinds, a {@link GenericKubernetesResource}), or an exception
     * naming the kind when no model knows it.
     */
    static HasMetadata typed(Map<String, Object> manifest) {
        String kind = manifest.get("apiVersion") + ":" + manifest.get("kind");
        Class<? extends HasMetadata> strimzi = STRIMZI_KINDS.get(kind);
        HasMetadata object = strimzi != null
                ? SERIALIZATION.convertValue(manifest, strimzi)
                : SERIALIZATION.convertValue(manifest, HasMetadata.class);
        if (object instanceof GenericKubernetesResource && !KEDA_KINDS.contains(kind)) {
            throw new IllegalArgumentException("no model for " + kind + " (a misspelt kind or apiVersion?)");
        }
        return object;
    }

    /** Paths of every field the model did not recognise, e.g. {@code spec.template.spec.containers[0].readinesProbe}. */
    static List<String> unknownFields(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, found));
        } else if (value != null) {
            for (Class<?> type = value.getClass(); isModel(type) && !type.isEnum(); type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object fieldValue = read(field, value);
                    if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra) {
                        extra.keySet().forEach(key -> found.add(join(path, key.toString())));
                    } else {
                        walk(fieldValue, join(path, field.getName()), found);
                    }
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        // io.fabric8.kubernetes.client too: Strimzi's kinds keep spec and status in fabric8's CustomResource
        return name.startsWith("io.fabric8.kubernetes.") || name.startsWith("io.strimzi.api.");
    }

    private static Object read(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
