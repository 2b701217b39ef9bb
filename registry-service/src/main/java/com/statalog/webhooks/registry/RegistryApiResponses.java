package com.statalog.webhooks.registry;

import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

import com.statalog.webhooks.contracts.ProblemResponses;
import com.statalog.webhooks.registry.auth.Roles;

/**
 * The contracts' error responses, and the 429 of every route an account or the operator calls: each
 * such request draws from a rate limit (ratelimit.ApiRateLimits).
 */
public class RegistryApiResponses extends ProblemResponses {

    private static final Set<String> RATE_LIMITED = Set.of(Roles.ACCOUNT_API_KEY, Roles.OPERATOR_TOKEN);

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().values().forEach(item -> item.getOperations().values().stream()
                    .filter(RegistryApiResponses::rateLimited)
                    .filter(operation -> operation.getResponses().getAPIResponse("429") == null)
                    .forEach(operation -> operation.getResponses().addAPIResponse("429", OASFactory.createAPIResponse()
                            .description("The caller's request rate is spent (`RateLimit-Policy`, `RateLimit`); retry after `Retry-After` seconds"))));
        }
        super.filterOpenAPI(openAPI);
    }

    private static boolean rateLimited(Operation operation) {
        List<SecurityRequirement> security = operation.getSecurity();
        return security != null && security.stream().anyMatch(requirement -> requirement.getSchemes().keySet().stream()
                .anyMatch(RATE_LIMITED::contains));
    }
}
