package com.statalog.webhooks.registry.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.RouteSecurity;

/**
 * Every route says who may call it (@RolesAllowed), shows it in the OpenAPI document, and refuses
 * an anonymous caller with 401, the challenge and a problem body; a route without the declaration
 * fails here (and is refused to everyone: deny-unannotated-endpoints).
 */
@QuarkusTest
class RouteSecurityTest {

    @Test
    void everyRouteDeclaresItsCredentialAndRefusesAnonymousCallers() throws Exception {
        List<String> routes = RouteSecurity.checkEveryRoute();
        assertTrue(routes.size() >= 14, "the registry's routes: " + routes);
    }
}
