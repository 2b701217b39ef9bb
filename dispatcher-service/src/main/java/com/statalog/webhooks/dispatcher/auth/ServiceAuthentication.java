package com.statalog.webhooks.dispatcher.auth;

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

import com.statalog.webhooks.contracts.internal.BearerToken;
import com.statalog.webhooks.dispatcher.DispatcherConfig;

/**
 * Gives the role {@value #SERVICE} to a request carrying the service token ({@link BearerToken});
 * any other request is anonymous, and the /internal routes ({@code @RolesAllowed(SERVICE)}) answer
 * it 401 with the challenge. The dispatcher knows one credential, so it needs no identity provider
 * to tell kinds of credential apart (the registry does).
 */
@ApplicationScoped
public class ServiceAuthentication implements HttpAuthenticationMechanism {

    /** Our other services, calling with the service token. */
    public static final String SERVICE = "service";

    private final String serviceToken;

    ServiceAuthentication(DispatcherConfig config) {
        this.serviceToken = config.serviceToken();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        if (!BearerToken.carries(context.request().getHeader(HttpHeaders.AUTHORIZATION), serviceToken)) {
            return Uni.createFrom().nullItem();
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(SERVICE)).addRole(SERVICE).build());
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, HttpHeaders.WWW_AUTHENTICATE, BearerToken.CHALLENGE));
    }
}
