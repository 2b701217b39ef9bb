package com.statalog.webhooks.testkit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.stream.Collectors;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * Checks every request a service's tests make to its API, and every answer, against the OpenAPI
 * document the service serves (which its {@code OpenApiDocumentTest} keeps equal to the checked-in
 * one): an answer the document does not describe — an undocumented status code, a body of another
 * shape, a missing header — fails the test that got it, so the document cannot drift from the
 * API again. A request the API refused (4xx) is not held to the document, since the tests send
 * wrong requests on purpose; what the API answered to it is. A successful answer to a request the
 * document calls invalid fails: the document is narrower than the API.
 * <p>
 * A Quarkus test callback: a module turns it on by naming it in
 * {@code META-INF/services/io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback}; it adds
 * its REST Assured filter before each test, for requests to the application under test only.
 */
public final class OpenApiValidation implements QuarkusTestBeforeEachCallback {

    private static final List<String> API_PATHS = List.of("/api/", "/internal/");

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        if (RestAssured.filters().stream().noneMatch(DocumentFilter.class::isInstance)) {
            RestAssured.filters(new DocumentFilter());
        }
    }

    /** REST Assured's filter; the document is read on the first request, from the running application. */
    private static final class DocumentFilter implements Filter {

        private OpenApiInteractionValidator validator;

        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification responseSpec, FilterContext context) {
            Response response = context.next(request, responseSpec);
            if (request.getPort() != RestAssured.port || API_PATHS.stream().noneMatch(request.getDerivedPath()::startsWith)) {
                return response;
            }
            ValidationReport report = validator(request).validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
            List<ValidationReport.Message> errors = report.getMessages().stream()
                    .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                    .filter(message -> response.statusCode() < 400 || message.getKey().startsWith("validation.response"))
                    .toList();
            if (!errors.isEmpty()) {
                throw new AssertionError("the OpenAPI document does not describe " + request.getMethod() + " " + request.getDerivedPath()
                        + " answering " + response.statusCode() + ": " + errors.stream()
                                .map(message -> message.getKey() + ": " + message.getMessage()).collect(Collectors.joining("; "))
                        + "\nbody: " + response.asString());
            }
            return response;
        }

        private synchronized OpenApiInteractionValidator validator(FilterableRequestSpecification request) {
            if (validator == null) {
                // REST Assured sends a credential given by auth() without showing it to filters; which routes refuse which
                // credential is RouteSecurity's check, and every scheme here is a bearer one
                validator = OpenApiInteractionValidator.createForInlineApiSpecification(withNullableReferencesInlined(served(request)))
                        .withLevelResolver(LevelResolver.create().withLevel("validation.request.security", ValidationReport.Level.IGNORE).build())
                        .build();
            }
            return validator;
        }

        /**
         * OpenAPI 3.0 says "this type, or null" as {@code nullable: true} beside {@code allOf: [$ref]}; the validator
         * checks the {@code allOf} alone, which refuses null. Each such schema gets the referenced one's members in
         * place of the {@code allOf}: the same meaning, in the form the validator honours.
         */
        static String withNullableReferencesInlined(String document) {
            try {
                ObjectMapper json = new ObjectMapper();
                JsonNode root = json.readTree(document);
                inline(root, root.path("components").path("schemas"));
                return json.writeValueAsString(root);
            } catch (JsonProcessingException e) {
                throw new AssertionError("the served OpenAPI document is not JSON", e);
            }
        }

        private static void inline(JsonNode node, JsonNode schemas) {
            if (node instanceof ObjectNode object && object.path("nullable").asBoolean() && object.path("allOf").size() == 1
                    && object.path("allOf").get(0).has("$ref")) {
                String name = object.path("allOf").get(0).path("$ref").asText().replace("#/components/schemas/", "");
                object.remove("allOf");
                schemas.path(name).properties().forEach(member -> object.set(member.getKey(), member.getValue().deepCopy()));
                object.put("nullable", true);
            }
            node.forEach(child -> inline(child, schemas));
        }

        private static String served(FilterableRequestSpecification request) {
            URI document = URI.create(request.getURI()).resolve("/q/openapi?format=json");
            try {
                HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(document).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() != 200) {
                    throw new AssertionError("no OpenAPI document at " + document + ": " + answer.statusCode());
                }
                return answer.body();
            } catch (java.io.IOException e) {
                throw new AssertionError("no OpenAPI document at " + document, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
