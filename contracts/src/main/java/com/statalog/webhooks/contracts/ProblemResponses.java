package com.statalog.webhooks.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Puts into each service's OpenAPI document the errors its REST API answers, each with the
 * {@link Problem} schema, so that a client generated from the document knows them
 * (docs/registry-api.md, "Errors"). The errors that follow from a route's shape are added here,
 * for every route alike:
 * <ul>
 * <li>a route that takes a credential: 401 (with the {@code WWW-Authenticate} challenge) and 403;
 * <li>a route with a body: 400 (not JSON, or the wrong shape), 413, 415 and 422 (a field's value refused);
 * <li>a route with query or header parameters: 400 (a malformed one);
 * <li>a route that names a resource in its path: 404.
 * </ul>
 * The codes only some routes answer (409, 429, 503, 504) are declared on those routes with
 * {@code @APIResponse} and a description; this filter gives them, like every response from 400 on,
 * the problem body, and a {@code Retry-After} header to 429 and 503. Each service names it in
 * {@code mp.openapi.filter}; the services' tests validate every answer against the document, so
 * a code a route answers but the document lacks fails them.
 */
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";

    private static final Map<String, String> SHAPE_ERRORS = Map.of(
            "400", "The body is not JSON or has the wrong shape, or a parameter is malformed; `errors` names the field",
            "413", "The body is larger than the service accepts",
            "415", "The body is not `application/json`",
            "422", "A field's value is refused by the rules; `errors` names each field and why");

    /** What SmallRye writes when it adds an error response on its own. */
    private static final Set<String> SCANNERS_DESCRIPTIONS = Set.of("Bad Request", "Not Authorized", "Not Allowed");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components components = openAPI.getComponents();
        components.addSchema(SCHEMA, problemSchema());
        components.addSchema(SCHEMA + "FieldError", fieldErrorSchema());
        components.addSchema(SCHEMA + "Limit", limitSchema());
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().values()
                .forEach(item -> item.getOperations().values().forEach(operation -> document(operation, parametersOf(item.getParameters()))));
    }

    private static void document(Operation operation, List<Parameter> pathItemParameters) {
        APIResponses responses = operation.getResponses();
        List<Parameter> parameters = new ArrayList<>(pathItemParameters);
        parameters.addAll(parametersOf(operation.getParameters()));
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            addIfAbsent(responses, "401", "No valid bearer token: the `WWW-Authenticate: Bearer` challenge");
            addIfAbsent(responses, "403", "The credential is valid but may not use this route");
        }
        if (operation.getRequestBody() != null) {
            SHAPE_ERRORS.forEach((code, description) -> addIfAbsent(responses, code, description));
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY || p.getIn() == Parameter.In.HEADER)) {
            addIfAbsent(responses, "400", SHAPE_ERRORS.get("400"));
        }
        if (parameters.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH)) {
            addIfAbsent(responses, "404", "No such resource, or not the caller's");
        }
        APIResponses sorted = OASFactory.createAPIResponses();
        new TreeMap<>(responses.getAPIResponses()).forEach((code, response) -> {
            if (code.matches("[45]\\d\\d")) {
                asProblem(code, response);
            }
            sorted.addAPIResponse(code, response);
        });
        operation.setResponses(sorted);
    }

    /** Adds the response, or describes the one the scanner made with only its reason phrase ("Bad Request"). */
    private static void addIfAbsent(APIResponses responses, String code, String description) {
        APIResponse present = responses.getAPIResponse(code);
        if (present == null) {
            responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description));
        } else if (SCANNERS_DESCRIPTIONS.contains(present.getDescription())) {
            present.setDescription(description);
        }
    }

    private static void asProblem(String code, APIResponse response) {
        Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(SCHEMA)));
        response.setContent(content);
        switch (code) {
            case "401" -> response.addHeader("WWW-Authenticate", header("`Bearer`: the route needs a bearer token"));
            case "429", "503" -> response.addHeader("Retry-After", header("Seconds to wait before trying again")
                    .schema(OASFactory.createSchema().addType(Schema.SchemaType.INTEGER)));
            default -> {
            }
        }
    }

    private static Header header(String description) {
        return OASFactory.createHeader().description(description).schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING));
    }

    private static List<Parameter> parametersOf(List<Parameter> parameters) {
        return parameters == null ? List.of() : parameters;
    }

    private static Schema problemSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details: every error answer (`application/problem+json`)")
                .required(List.of("type", "title", "status", "detail"))
                .addProperty("type", string("Always `about:blank`: the status says what kind of problem it is").format("uri-reference"))
                .addProperty("title", string("The status's reason phrase, e.g. `Bad Request`"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32")
                        .description("The HTTP status code"))
                .addProperty("detail", string("What was wrong, for a person"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("Each field that was wrong and why; absent when the problem is not about fields")
                        .items(OASFactory.createSchema().ref(SCHEMA + "FieldError")))
                .addProperty("limit", OASFactory.createSchema().ref(SCHEMA + "Limit"))
                .additionalPropertiesBoolean(false);
    }

    private static Schema fieldErrorSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).required(List.of("field", "message"))
                .addProperty("field", string("The field's JSON name; a nested one as `goals.goal_ids[2]`"))
                .addProperty("message", string("Why its value was refused"))
                .additionalPropertiesBoolean(false);
    }

    private static Schema limitSchema() {
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).required(List.of("name", "value"))
                .description("The limit a create would have gone past (409); absent in every other problem")
                .addProperty("name", string("The limit's name: `webhooks`, `sites` or `api_keys` per account"))
                .addProperty("value", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int64")
                        .description("The limit's value for this account"))
                .additionalPropertiesBoolean(false);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
