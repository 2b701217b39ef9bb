package com.statalog.webhooks.registry.ui;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The admin pages (Account → Webhooks) are static files under /ui/ (META-INF/resources/ui) on the
 * same REST API; {@code /} and {@code /ui} lead there. Their own headers keep them to this origin:
 * no third-party script, style, image or connection can be loaded, and no other site can frame
 * them. Static files are served before JAX-RS sees the request, so these are plain routes.
 */
@ApplicationScoped
public class UiEntrance {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    void routes(@Observes Router router) {
        router.getWithRegex("/|/ui").handler(context -> context.response().setStatusCode(303).putHeader("Location", "/ui/").end());
        router.route("/ui/*").order(Integer.MIN_VALUE + 1).handler(context -> {
            context.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                    .putHeader("X-Content-Type-Options", "nosniff")
                    .putHeader("Referrer-Policy", "no-referrer")
                    .putHeader("Cache-Control", "no-cache");
            context.next();
        });
    }
}
