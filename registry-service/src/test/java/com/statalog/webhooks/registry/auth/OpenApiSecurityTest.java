package com.statalog.webhooks.registry.auth;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every route says who may call it (@RolesAllowed): the OpenAPI document, generated from the
 * routes, lists the bearer scheme on each, and a route without that declaration fails here (it
 * would also be refused to everyone: deny-unannotated-endpoints). And nobody gets in without a
 * credential: each route answers 401 with the challenge and a problem body.
 */
@QuarkusTest
class OpenApiSecurityTest {

    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    @Test
    void everyRouteDeclaresItsCredentialAndRefusesAnonymousCallers() throws Exception {
        JsonNode document = new ObjectMapper().readTree(given().get("/q/openapi?format=json").then().statusCode(200).extract().asString());
        JsonNode scheme = document.path("components").path("securitySchemes").path("bearer");
        assertEquals("http", scheme.path("type").asText(), document.path("components").toString());
        assertEquals("bearer", scheme.path("scheme").asText());

        List<String> undeclared = new ArrayList<>();
        List<String> routes = new ArrayList<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                String route = operation.getKey().toUpperCase() + " " + path.getKey();
                routes.add(route);
                if (!operation.getValue().path("security").toString().contains("\"bearer\"")) {
                    undeclared.add(route);
                }
                String concrete = path.getKey().replaceAll("\\{[^}]+}", "00000000-0000-0000-0000-000000000000");
                given().contentType("application/json").body("{}").when().request(operation.getKey().toUpperCase(), concrete).then()
                        .statusCode(401).header("WWW-Authenticate", "Bearer").contentType("application/problem+json");
            }
        }
        assertTrue(routes.size() >= 14, "the registry's routes: " + routes);
        assertEquals(List.of(), undeclared, "routes that do not declare who may call them");
    }
}
