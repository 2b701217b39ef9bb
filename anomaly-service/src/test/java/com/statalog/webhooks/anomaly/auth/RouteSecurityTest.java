package com.statalog.webhooks.anomaly.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

import com.statalog.webhooks.testkit.RouteSecurity;

/**
 * Every route says who may call it (@RolesAllowed(OPERATOR): the operator token), shows it in the OpenAPI document, and refuses
 * an anonymous caller with 401, the challenge and a problem body; a route without the declaration
 * fails here (and is refused to everyone: deny-unannotated-endpoints).
 */
@QuarkusTest
class RouteSecurityTest {

    @Test
    void everyRouteDeclaresItsCredentialAndRefusesAnonymousCallers() throws Exception {
        List<String> routes = RouteSecurity.checkEveryRoute();
        assertEquals(List.of("GET /api/v1/sites/{site_id}/daily-visitors", "POST /api/v1/evaluations",
                "PUT /api/v1/sites/{site_id}/daily-visitors/{date}"), routes.stream().sorted().toList());
    }
}
