package com.statalog.webhooks.anomaly.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

import com.statalog.webhooks.anomaly.AnomalyConfig;
import com.statalog.webhooks.contracts.internal.BearerToken;

/**
 * Gives the role {@value #OPERATOR} to a request carrying the operator token ({@link BearerToken});
 * any other request is anonymous, and the operator routes ({@code @RolesAllowed(OPERATOR)}) answer
 * it 401 with the challenge. One credential, so no identity provider is needed to tell kinds of
 * credential apart (the registry has three).
 */
@ApplicationScoped
public class OperatorAuthentication implements HttpAuthenticationMechanism {

    /** Statalog's operators and jobs, calling with the operator token. */
    public static final String OPERATOR = "operator";
    /** The operator token's security scheme in the OpenAPI document, named by each route with {@code @SecurityRequirement}. */
    public static final String SCHEME = "operator_token";

    private final String operatorToken;

    OperatorAuthentication(AnomalyConfig config) {
        this.operatorToken = config.operatorToken();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!BearerToken.carries(context.request().getHeader(HttpHeaders.AUTHORIZATION), operatorToken)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(OPERATOR)).addRole(OPERATOR).build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaders.WWW_AUTHENTICATE, BearerToken.CHALLENGE));
    }
}
