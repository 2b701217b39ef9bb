package com.statalog.webhooks.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The objects an overlay produces: rendered by {@code kubectl kustomize} when kubectl is on the
 * PATH, else read from the raw files its kustomization lists (resources only, recursively: the
 * overlay's transformations and generators are then not applied, the objects are still checked).
 */
record RenderedOverlay(String name, boolean rendered, List<Map<String, Object>> objects) {

    private static final YAMLMapper YAML = new YAMLMapper();

    static RenderedOverlay of(Path overlay) {
        String name = overlay.getFileName().toString();
        return kubectl()
                .map(kubectl -> new RenderedOverlay(name, true, documents(run(kubectl, overlay))))
                .orElseGet(() -> raw(overlay));
    }

    static RenderedOverlay raw(Path overlay) {
        return new RenderedOverlay(overlay.getFileName().toString(), false, rawResources(overlay));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String yaml) {
        try (var parser = new YAMLFactory().createParser(yaml)) {
            List<Map<String, Object>> objects = new ArrayList<>();
            ObjectMapper json = JsonMapper.builder().build();
            for (var docs = YAML.readValues(parser, Map.class); docs.hasNextValue();) {
                Map<String, Object> doc = docs.nextValue();
                if (doc != null && !doc.isEmpty()) {
                    objects.add(json.convertValue(doc, Map.class));
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> kubectl() {
        return Executables.onPath("kubectl");
    }

    private static String run(Path kubectl, Path overlay) {
        try {
            Process process = new ProcessBuilder(kubectl.toString(), "kustomize", overlay.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + overlay + " failed");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rawResources(Path kustomizationDir) {
        try {
            Map<String, Object> kustomization = YAML.readValue(kustomizationDir.resolve("kustomization.yaml").toFile(), Map.class);
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object resource : (List<Object>) kustomization.getOrDefault("resources", List.of())) {
                Path path = kustomizationDir.resolve(resource.toString()).normalize();
                objects.addAll(Files.isDirectory(path) ? rawResources(path) : documents(Files.readString(path)));
            }
            // the one transformation that changes which objects there are: a patch deleting one
            for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.getOrDefault("patches", List.of())) {
                for (Map<String, Object> deleted : documents(String.valueOf(patch.get("patch")))) {
                    if ("delete".equals(deleted.get("$patch"))) {
                        objects.removeIf(object -> object.get("kind").equals(deleted.get("kind"))
                                && name(object).equals(name(deleted)));
                    }
                }
            }
            return objects;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object name(Map<String, Object> object) {
        return ((Map<String, Object>) object.get("metadata")).get("name");
    }
}
