package com.statalog.webhooks.dispatcher.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.RouteSecurity;

/**
 * Every route says who may call it (@RolesAllowed(SERVICE): the service token), shows it in the OpenAPI document, and refuses
 * an anonymous caller with 401, the challenge and a problem body; a route without the declaration
 * fails here (and is refused to everyone: deny-unannotated-endpoints).
 */
@QuarkusTest
class RouteSecurityTest {

    @Test
    void everyRouteDeclaresItsCredentialAndRefusesAnonymousCallers() throws Exception {
        List<String> routes = RouteSecurity.checkEveryRoute();
        assertEquals(List.of("GET /internal/v1/config/webhooks/{id}", "POST /internal/v1/send-test", "POST /internal/v1/url-checks"),
                routes.stream().sorted().toList());
    }
}
