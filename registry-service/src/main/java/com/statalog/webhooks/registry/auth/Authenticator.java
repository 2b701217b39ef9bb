package com.statalog.webhooks.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.core.HttpHeaders;

import com.statalog.webhooks.contracts.internal.BearerToken;
import com.statalog.webhooks.registry.RegistryConfig;

/**
 * Turns an {@code Authorization: Bearer} header into a {@link Principal}. No or an unknown
 * credential is 401; a known credential on a route that is not for it is 403. Tokens are compared
 * in constant time.
 */
@ApplicationScoped
public class Authenticator {

    private final byte[] operatorToken;
    private final byte[] serviceToken;
    private final ApiKeys apiKeys;

    Authenticator(RegistryConfig config, ApiKeys apiKeys) {
        this.operatorToken = config.operatorToken().getBytes(StandardCharsets.UTF_8);
        this.serviceToken = config.serviceToken().getBytes(StandardCharsets.UTF_8);
        this.apiKeys = apiKeys;
    }

    public void requireOperator(HttpHeaders headers) {
        if (!(authenticate(headers) instanceof Principal.Operator)) {
            throw new ForbiddenException();
        }
    }

    public void requireService(HttpHeaders headers) {
        if (!(authenticate(headers) instanceof Principal.Service)) {
            throw new ForbiddenException();
        }
    }

    /** The calling account; any other credential is 403. */
    public UUID requireAccount(HttpHeaders headers) {
        if (authenticate(headers) instanceof Principal.Account account) {
            return account.accountId();
        }
        throw new ForbiddenException();
    }

    Principal authenticate(HttpHeaders headers) {
        String token = bearerToken(headers).orElseThrow(() -> new NotAuthorizedException(BearerToken.CHALLENGE));
        byte[] presented = token.getBytes(StandardCharsets.UTF_8);
        if (MessageDigest.isEqual(operatorToken, presented)) {
            return new Principal.Operator();
        }
        if (MessageDigest.isEqual(serviceToken, presented)) {
            return new Principal.Service();
        }
        return apiKeys.accountOf(token).<Principal>map(Principal.Account::new)
                .orElseThrow(() -> new NotAuthorizedException(BearerToken.CHALLENGE));
    }

    private static Optional<String> bearerToken(HttpHeaders headers) {
        String token = BearerToken.of(headers.getHeaderString(HttpHeaders.AUTHORIZATION));
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
