package com.statalog.webhooks.registry.ratelimit;

import java.util.Optional;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.quarkus.security.identity.SecurityIdentity;

import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.auth.Roles;

/**
 * Every API request of an account (all of its keys together) and of the operator draws from a
 * shared bucket of its own ({@link SharedBuckets}); past it the answer is 429 with
 * {@code Retry-After}. Every answer to such a request says the rate in {@code RateLimit-Policy} and
 * {@code RateLimit}. Our own services' calls (service token) and anonymous requests, which every
 * route refuses, draw nothing.
 */
public class ApiRateLimits {

    private static final String TAKE = Take.class.getName();

    private final SharedBuckets buckets;
    private final SecurityIdentity identity;
    private final RatePolicy account;
    private final RatePolicy operator;

    ApiRateLimits(SharedBuckets buckets, SecurityIdentity identity, RegistryConfig config) {
        this.buckets = buckets;
        this.identity = identity;
        this.account = new RatePolicy("account", config.rateLimits().accountRequests(), config.rateLimits().window());
        this.operator = new RatePolicy("operator", config.rateLimits().operatorRequests(), config.rateLimits().window());
    }

    @ServerRequestFilter
    public Optional<Response> draw(ContainerRequestContext request) {
        Take take;
        if (identity.hasRole(Roles.ACCOUNT)) {
            take = buckets.take(account, identity.getPrincipal().getName());
        } else if (identity.hasRole(Roles.OPERATOR)) {
            take = buckets.take(operator, "operator");
        } else {
            return Optional.empty();
        }
        if (!take.allowed()) {
            return Optional.of(TooManyRequests.answer(take, "too many requests"));
        }
        request.setProperty(TAKE, take);
        return Optional.empty();
    }

    @ServerResponseFilter
    public void tell(ContainerRequestContext request, ContainerResponseContext response) {
        if (request.getProperty(TAKE) instanceof Take take) {
            // joined to any a route set of its own rate (Send Test's): both fields are lists of policies
            take.headers().forEach((name, value) -> {
                Object present = response.getHeaders().getFirst(name);
                response.getHeaders().putSingle(name, present == null ? value : present + ", " + value);
            });
        }
    }
}
