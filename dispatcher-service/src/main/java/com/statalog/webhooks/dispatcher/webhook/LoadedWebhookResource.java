package com.statalog.webhooks.dispatcher.webhook;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.statalog.webhooks.dispatcher.auth.ServiceAuthentication;

/**
 * Whether this replica has a webhook, and as what: for operators and tests that need to know a
 * configuration change has arrived. Never shows the secret.
 */
@Path("/internal/v1/config/webhooks/{id}")
@Tag(name = "Internal (service token)")
@RolesAllowed(ServiceAuthentication.SERVICE)
public class LoadedWebhookResource {

    public record LoadedWebhook(UUID id, String url, boolean enabled) {
    }

    private final WebhookDirectory directory;

    LoadedWebhookResource(WebhookDirectory directory) {
        this.directory = directory;
    }

    @GET
    @Operation(operationId = "getLoadedWebhook", summary = "Get a webhook as this dispatcher has loaded it")
    public LoadedWebhook get(@PathParam("id") UUID id) {
        WebhookConfig webhook = directory.webhook(id);
        if (webhook == null) {
            throw new NotFoundException();
        }
        return new LoadedWebhook(webhook.id(), webhook.url(), webhook.enabled());
    }
}
