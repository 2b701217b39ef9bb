package com.statalog.webhooks.registry.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.auth.Authenticator;
import com.statalog.webhooks.registry.webhook.Webhook;

/**
 * Puts the current state of every site and webhook into the outbox again, at start-up and on
 * request, so that a configuration topic that was lost or wiped is refilled. Republishing is
 * harmless: each message is the entity's whole state with its version, and a consumer ignores a
 * version older than the one it holds — so a snapshot read before a change that commits meanwhile
 * (and is relayed first) cannot bring the older state back.
 */
@ApplicationScoped
@Path("/internal/v1/config/republish")
@Tag(name = "Internal (service token)")
public class ConfigRepublisher {

    private static final Logger LOG = Logger.getLogger(ConfigRepublisher.class);

    public record Republished(long sites, long webhooks) {
    }

    private final ConfigOutbox outbox;
    private final Authenticator authenticator;

    ConfigRepublisher(ConfigOutbox outbox, Authenticator authenticator) {
        this.outbox = outbox;
        this.authenticator = authenticator;
    }

    void onStart(@Observes StartupEvent start) {
        Republished counts = republishAll();
        LOG.infof("configuration republished: %d sites, %d webhooks", counts.sites(), counts.webhooks());
    }

    @POST
    public Republished republish(@Context HttpHeaders headers) {
        authenticator.requireService(headers);
        return republishAll();
    }

    @Transactional
    Republished republishAll() {
        long sites = Site.<Site>streamAll().peek(outbox::siteChanged).count();
        long webhooks = Webhook.<Webhook>streamAll().peek(outbox::webhookAsStored).count();
        return new Republished(sites, webhooks);
    }
}
