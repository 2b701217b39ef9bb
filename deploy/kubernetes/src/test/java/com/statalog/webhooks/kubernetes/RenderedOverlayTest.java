package com.statalog.webhooks.kubernetes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Without kubectl the checks read the raw files: they must be the same objects kubectl renders, bar generated ones. */
class RenderedOverlayTest {

    static Stream<Path> overlays() throws IOException {
        return Files.list(Path.of("overlays")).sorted().toList().stream();
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void theRawFilesHoldTheObjectsKubectlRenders(Path overlay) {
        Set<String> raw = identities(RenderedOverlay.raw(overlay));
        assertTrue(raw.contains("Deployment/dispatcher-service"), raw.toString());
        Assumptions.assumeTrue(RenderedOverlay.kubectl().isPresent(), "kubectl is not installed: nothing to compare with");

        Set<String> rendered = identities(RenderedOverlay.of(overlay));
        rendered.removeIf(identity -> identity.startsWith("Secret/"));

        assertEquals(rendered, raw);
    }

    private static Set<String> identities(RenderedOverlay overlay) {
        return overlay.objects().stream()
                .map(object -> object.get("kind") + "/" + ((Map<?, ?>) object.get("metadata")).get("name"))
                .collect(Collectors.toSet());
    }
}
