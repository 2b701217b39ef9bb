package com.statalog.webhooks.registry.config;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;

import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.outbox.Outbox;
import com.statalog.webhooks.registry.webhook.Webhook;

/**
 * Puts the current state of every site and webhook into the outbox again, on request and at a
 * start that finds the configuration topic empty, so that a topic that was lost or wiped is refilled. Republishing is
 * harmless: each message is the entity's whole state with its version, and a consumer ignores a
 * version older than the one it holds — so a snapshot read before a change that commits meanwhile
 * (and is relayed first) cannot bring the older state back.
 */
@ApplicationScoped
@Path("/internal/v1/config/republish")
@Tag(name = "Internal")
public class ConfigRepublisher {

    private static final Logger LOG = Logger.getLogger(ConfigRepublisher.class);
    private static final int BATCH = 1_000;

    public record Republished(long sites, long webhooks) {
    }

    private final Outbox outbox;
    private final ConfigTopicContents topic;

    ConfigRepublisher(Outbox outbox, ConfigTopicContents topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /**
     * At start, only a configuration topic that has never held a record (new, or wiped) is
     * refilled, and in the background. Republishing everything at every start of every replica
     * cost 53 s of start-up with 100 000 webhooks (0.2 ms a webhook warm, 0.5 ms cold) and as many
     * messages for every consumer to skip; a topic that holds records holds the configuration
     * (compaction keeps each entity's last state). The check is made before the relay's first
     * round, so a change relayed at start cannot make a wiped topic look filled; when Kafka cannot
     * answer, republishing is the safe side (versions make it harmless).
     */
    void onStart(@Observes StartupEvent start) {
        boolean empty;
        try {
            empty = topic.empty();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("cannot tell whether the configuration topic is empty, republishing: %s", e.getMessage());
            empty = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (!empty) {
            LOG.info("configuration topic holds records: not republished at start (POST /internal/v1/config/republish does)");
            return;
        }
        Thread republish = new Thread(this::republishUntilDone, "config-republish");
        republish.setDaemon(true);
        republish.start();
    }

    /**
     * Tried again until it is done: a refill that stopped half-way would leave every dispatcher
     * without some accounts' webhooks, and nothing else would ever notice.
     */
    private void republishUntilDone() {
        for (long wait = 1;; wait = Math.min(2 * wait, 60)) {
            try {
                Republished counts = republishAll();
                LOG.infof("configuration republished: %d sites, %d webhooks", counts.sites(), counts.webhooks());
                return;
            } catch (RuntimeException | LinkageError e) {
                LOG.errorf("configuration not republished, trying again in %d s: %s", wait, e.getClass().getSimpleName());
            }
            try {
                Thread.sleep(wait * 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @POST
    @RolesAllowed(Roles.SERVICE)
    @SecurityRequirement(name = Roles.SERVICE_TOKEN)
    @Operation(operationId = "republishConfig", summary = "Republish every site and webhook to the configuration topic")
    public Republished republish() {
        return republishAll();
    }

    /**
     * In batches of {@value #BATCH}, each its own transaction, in key order: versions make a
     * republish safe without one snapshot of everything, and one transaction over everything did
     * not finish (measured: 100 000 webhooks overran the 60 s transaction timeout and rolled back,
     * which at start-up stopped the registry from starting).
     */
    Republished republishAll() {
        long sites = 0;
        String afterSite = "";
        while (true) {
            String after = afterSite;
            List<String> batch = QuarkusTransaction.requiringNew().call(() -> republishSites(after));
            if (batch.isEmpty()) {
                break;
            }
            sites += batch.size();
            afterSite = batch.get(batch.size() - 1);
        }
        long webhooks = 0;
        UUID afterWebhook = new UUID(0, 0);
        while (true) {
            UUID after = afterWebhook;
            List<UUID> batch = QuarkusTransaction.requiringNew().call(() -> republishWebhooks(after));
            if (batch.isEmpty()) {
                break;
            }
            webhooks += batch.size();
            afterWebhook = batch.get(batch.size() - 1);
        }
        return new Republished(sites, webhooks);
    }

    private List<String> republishSites(String after) {
        List<Site> batch = Site.<Site>find("siteId > ?1 ORDER BY siteId", after).page(0, BATCH).list();
        batch.forEach(outbox::siteChanged);
        return batch.stream().map(site -> site.siteId).toList();
    }

    private List<UUID> republishWebhooks(UUID after) {
        List<Webhook> batch = Webhook.<Webhook>find("id > ?1 ORDER BY id", after).page(0, BATCH).list();
        batch.forEach(outbox::webhookAsStored);
        return batch.stream().map(webhook -> webhook.id).toList();
    }
}
