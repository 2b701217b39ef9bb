package com.statalog.webhooks.testkit;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every service's routes must show, read from the OpenAPI document the service generates
 * from them: a bearer scheme (one per kind of credential), declared on every operation (a route without {@code @RolesAllowed}
 * has none, and fails here), and every operation refusing an anonymous caller with 401, the
 * challenge and a problem body. Runs inside a {@code @QuarkusTest}, against its application.
 */
public final class RouteSecurity {

    private RouteSecurity() {
    }

    /** Checks every operation, and returns them ("POST /path") so that a test can say which it expects. */
    public static List<String> checkEveryRoute() throws Exception {
        OpenApiDocument document = OpenApiDocument.served();
        Set<String> bearerSchemes = new TreeSet<>();
        document.securitySchemes().properties().forEach(scheme -> {
            if ("http".equals(scheme.getValue().path("type").asText()) && "bearer".equals(scheme.getValue().path("scheme").asText())) {
                bearerSchemes.add(scheme.getKey());
            }
        });
        assertThat(!bearerSchemes.isEmpty(), "a bearer scheme is declared: " + document.securitySchemes());

        List<String> routes = new ArrayList<>(document.operations().keySet());
        List<String> undeclared = new ArrayList<>();
        document.operations().forEach((route, operation) -> {
            Set<String> required = new TreeSet<>();
            operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(required::add));
            if (required.isEmpty() || !bearerSchemes.containsAll(required)) {
                undeclared.add(route + " " + required);
            }
            String method = route.substring(0, route.indexOf(' '));
            String concrete = route.substring(route.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
            given().contentType("application/json").body("{}").when().request(method, concrete).then()
                    .statusCode(401).header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
        });
        assertThat(undeclared.isEmpty(), "routes that do not declare who may call them: " + undeclared);
        return routes;
    }

    private static void assertThat(boolean holds, String message) {
        if (!holds) {
            throw new AssertionError(message);
        }
    }
}
