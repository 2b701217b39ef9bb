package com.statalog.webhooks.testkit;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The OpenAPI document a service serves, read inside a {@code @QuarkusTest} against its
 * application, and what it must show to describe the API that answers: properties named as on the
 * wire (snake_case — a client generated from camelCase names sends fields the API refuses), and
 * each operation's real status codes.
 */
public final class OpenApiDocument {

    /** The members of a path item that are operations. */
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
    private static final Set<String> JACKSON_TREES = Set.of("JsonNode", "ObjectNode", "ArrayNode", "ValueNode", "TreeNode");
    private static final String ACCEPT = "accept-openapi";
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    private final JsonNode document;

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    public static OpenApiDocument served() throws Exception {
        return new OpenApiDocument(new ObjectMapper().readTree(
                given().get("/q/openapi?format=json").then().statusCode(200).extract().asString()));
    }

    /** The document's operations in its order, by "METHOD /path" (e.g. {@code POST /api/v1/webhooks}). */
    Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (METHODS.contains(operation.getKey())) {
                    operations.put(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
                }
            }
        }
        return operations;
    }

    /** The document's security schemes ({@code components.securitySchemes}). */
    JsonNode securitySchemes() {
        return document.path("components").path("securitySchemes");
    }

    /**
     * Fails unless the document describes the wire: snake_case properties, no Jackson tree as a
     * schema, typed success bodies. Returns how many properties it checked.
     */
    public int checkDescribesTheWire() {
        int checked = checkPropertiesAreSnakeCase();
        checkNoJacksonTrees();
        checkSuccessBodiesAreTyped();
        return checked;
    }

    /**
     * Fails naming every schema property (components, request and response bodies, at any depth)
     * that is not snake_case; returns how many properties it checked, so that a test can tell an
     * empty document from a good one.
     */
    private int checkPropertiesAreSnakeCase() {
        List<String> wrong = new ArrayList<>();
        int checked = check(document, "#", wrong);
        if (!wrong.isEmpty()) {
            throw new AssertionError("properties not named as on the wire: " + wrong);
        }
        return checked;
    }

    private static int check(JsonNode node, String where, List<String> wrong) {
        int checked = 0;
        if (node.isObject()) {
            JsonNode properties = node.path("properties");
            if (properties.isObject()) {
                for (Map.Entry<String, JsonNode> property : properties.properties()) {
                    String name = property.getKey();
                    checked++;
                    if (!SNAKE_CASE.matcher(name).matches()) {
                        wrong.add(where + "/properties/" + name);
                    }
                }
            }
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                checked += check(child.getValue(), where + "/" + child.getKey(), wrong);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checked += check(node.get(i), where + "/" + i, wrong);
            }
        }
        return checked;
    }

    /**
     * Fails when a schema is Jackson's JSON tree ({@code JsonNode} and its kinds): a route that
     * reads its body as a tree must name the shape it accepts, or the document shows the tree's
     * getters ({@code value_node}, {@code big_decimal}…) as if they were fields.
     */
    private void checkNoJacksonTrees() {
        List<String> trees = new ArrayList<>();
        document.path("components").path("schemas").properties().forEach(schema -> {
            if (JACKSON_TREES.contains(schema.getKey())) {
                trees.add(schema.getKey());
            }
        });
        if (!trees.isEmpty()) {
            List<String> users = new ArrayList<>();
            trees.forEach(tree -> references(document, "#", "#/components/schemas/" + tree, users));
            throw new AssertionError("Jackson's JSON tree shown as a schema: " + trees + ", used at " + users);
        }
    }

    private static void references(JsonNode node, String where, String target, List<String> found) {
        if (node.isObject()) {
            if (target.equals(node.path("$ref").asText())) {
                found.add(where);
            }
            node.properties().forEach(child -> references(child.getValue(), where + "/" + child.getKey(), target, found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                references(node.get(i), where + "/" + i, target, found);
            }
        }
    }

    /**
     * Fails naming every operation without a written summary or an operation id, or whose id
     * another operation has too: generated clients name their methods after the ids. Returns how
     * many operations it checked.
     */
    public int checkOperationsAreNamed() {
        List<String> unnamed = new ArrayList<>();
        Set<String> ids = new TreeSet<>();
        Map<String, JsonNode> operations = operations();
        operations.forEach((route, operation) -> {
            String id = operation.path("operationId").asText();
            if (id.isEmpty() || operation.path("summary").asText().isBlank() || !ids.add(id)) {
                unnamed.add(route + " (" + id + ")");
            }
        });
        if (!unnamed.isEmpty()) {
            throw new AssertionError("operations without a summary or a unique id: " + unnamed);
        }
        return operations.size();
    }

    /**
     * Fails when the served document differs from the one checked in at {@code file} (from which
     * users generate clients offline), naming how to accept the served one: run the test with
     * {@code -Daccept-openapi=true}, which rewrites the file, and review its diff.
     */
    public void checkMatchesCheckedIn(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        if (Boolean.getBoolean(ACCEPT)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(document) + "\n");
            return;
        }
        JsonNode checkedIn = Files.exists(file) ? json.readTree(file.toFile()) : null;
        if (!document.equals(checkedIn)) {
            throw new AssertionError("the served OpenAPI document differs from " + file.normalize()
                    + ": rerun this test with -D" + ACCEPT + "=true to write the served one there, and review the diff");
        }
    }

    /**
     * Fails naming every success response, other than a 204, that does not say what its JSON body
     * is: a generated client could only hand its users an untyped map.
     */
    private void checkSuccessBodiesAreTyped() {
        List<String> untyped = new ArrayList<>();
        operations().forEach((route, operation) -> {
            for (Map.Entry<String, JsonNode> response : operation.path("responses").properties()) {
                JsonNode schema = response.getValue().path("content").path("application/json").path("schema");
                if (response.getKey().startsWith("2") && !"204".equals(response.getKey()) && (schema.isMissingNode() || schema.isEmpty())) {
                    untyped.add(route + " " + response.getKey());
                }
            }
        });
        if (!untyped.isEmpty()) {
            throw new AssertionError("success responses without a typed JSON body: " + untyped);
        }
    }

    /**
     * Fails naming every error response (4xx, 5xx) whose body is not the problem details schema,
     * every operation that does not document 401 and 403 (every route takes a credential), and
     * every security requirement with scopes, which OpenAPI 3.0 allows only for OAuth: what a
     * client generated for the users' APIs needs (the contracts' {@code ProblemResponses}).
     */
    public void checkErrorsAreProblems() {
        List<String> wrong = new ArrayList<>();
        operations().forEach((route, operation) -> {
            JsonNode responses = operation.path("responses");
            if (!responses.has("401") || !responses.has("403")) {
                wrong.add(route + " lacks 401 or 403");
            }
            operation.path("security").forEach(requirement -> requirement.forEach(scopes -> {
                if (!scopes.isEmpty()) {
                    wrong.add(route + " has scopes " + scopes);
                }
            }));
            for (Map.Entry<String, JsonNode> response : responses.properties()) {
                String schema = response.getValue().path("content").path("application/problem+json").path("schema").path("$ref").asText();
                if (response.getKey().matches("[45]\\d\\d") && !schema.equals("#/components/schemas/Problem")) {
                    wrong.add(route + " " + response.getKey());
                }
            }
        });
        if (!wrong.isEmpty()) {
            throw new AssertionError("errors not documented as problems, or scoped bearer requirements: " + wrong);
        }
    }

    /** A property of a schema of the document's components, e.g. {@code property("NewWebhook", "site_id")}. */
    public JsonNode property(String schema, String name) {
        return document.path("components").path("schemas").path(schema).path("properties").path(name);
    }

    /** The status codes the document gives an operation, e.g. {@code responseCodes("post", "/api/v1/webhooks")}. */
    public Set<String> responseCodes(String method, String path) {
        JsonNode responses = document.path("paths").path(path).path(method).path("responses");
        if (responses.isMissingNode()) {
            throw new AssertionError("no operation " + method.toUpperCase() + " " + path + " in the document");
        }
        Set<String> codes = new TreeSet<>();
        responses.properties().forEach(response -> codes.add(response.getKey()));
        return codes;
    }
}
