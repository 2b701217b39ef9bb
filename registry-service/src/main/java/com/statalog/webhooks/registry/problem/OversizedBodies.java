package com.statalog.webhooks.registry.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.statalog.webhooks.contracts.Problem;

/**
 * A request announcing a body over the limit is refused before anything reads it, with the same
 * JSON problem body as every other error: the HTTP layer's own refusal is a bare 413 (found by
 * GeneratedRequestsTest). The connection is closed, since the body is not read.
 */
@ApplicationScoped
public class OversizedBodies {

    private final long limit;
    private final String problem;

    OversizedBodies(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json)
            throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.problem = json.writeValueAsString(Problem.of(413, "Content Too Large", "the body is over " + this.limit + " bytes"));
    }

    void refuseEarly(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            if (announcedLength(context.request().getHeader("Content-Length")) > limit) {
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close")
                        .end(problem);
            } else {
                context.next();
            }
        });
    }

    private static long announcedLength(String header) {
        try {
            return header == null ? 0 : Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0; // the HTTP layer refuses a malformed length itself
        }
    }
}
