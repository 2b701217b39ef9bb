package com.statalog.webhooks.registry.auth;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

import com.statalog.webhooks.contracts.internal.BearerToken;
import com.statalog.webhooks.registry.RegistryConfig;

/**
 * Whose a bearer token is: the operator's, our services', or an account's API key (its principal
 * is the account id, {@link CurrentAccount}). Tokens are compared in constant time; an unknown one
 * is 401 (never told apart from a malformed one).
 */
@ApplicationScoped
public class Credentials implements IdentityProvider<TokenAuthenticationRequest> {

    private final String operatorToken;
    private final String serviceToken;
    private final ApiKeys apiKeys;

    Credentials(RegistryConfig config, ApiKeys apiKeys) {
        this.operatorToken = config.operatorToken();
        this.serviceToken = config.serviceToken();
        this.apiKeys = apiKeys;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        String token = request.getToken().getToken();
        if (BearerToken.matches(token, operatorToken)) {
            return Uni.createFrom().item(identity(Roles.OPERATOR, Roles.OPERATOR));
        }
        if (BearerToken.matches(token, serviceToken)) {
            return Uni.createFrom().item(identity(Roles.SERVICE, Roles.SERVICE));
        }
        // an API key is looked up in the database: off the event loop
        return context.runBlocking(() -> QuarkusTransaction.requiringNew().call(() -> apiKeys.accountOf(token))
                .map(account -> identity(account.toString(), Roles.ACCOUNT))
                .orElseThrow(AuthenticationFailedException::new));
    }

    private static SecurityIdentity identity(String name, String role) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name)).addRole(role).build();
    }
}
