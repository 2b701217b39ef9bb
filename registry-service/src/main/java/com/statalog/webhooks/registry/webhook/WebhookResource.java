package com.statalog.webhooks.registry.webhook;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.auth.CurrentAccount;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.dispatcher.TargetUrls;
import com.statalog.webhooks.registry.outbox.Outbox;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.signing.SecretCipher;
import com.statalog.webhooks.registry.signing.SigningSecrets;

/**
 * An account's webhooks. Every route answers 404 for another account's webhook exactly as for a
 * missing one. The signing secret is in the answers of create and rotate-secret only.
 */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks (account API key)")
@RolesAllowed(Roles.ACCOUNT)
public class WebhookResource {

    private static final Set<String> PATCHABLE = Set.of("name", "url", "events", "site_id", "spike_threshold_pct",
            "drop_threshold_pct", "goals", "enabled");

    public record NewWebhook(String name, String url, List<String> events, String siteId, BigDecimal spikeThresholdPct,
            BigDecimal dropThresholdPct, JsonNode goals, Boolean enabled) {
    }

    /** The new secret, shown once; the replaced one is still listed in {@code webhook-signature} until {@code previousSecretValidUntil}. */
    public record RotatedSecret(String secret, Instant previousSecretValidUntil) {
    }

    private final CurrentAccount account;
    private final TargetUrls targetUrls;
    private final SecretCipher cipher;
    private final Outbox outbox;

    private final Duration rotationGrace;

    WebhookResource(CurrentAccount account, TargetUrls targetUrls, SecretCipher cipher, Outbox outbox,
            RegistryConfig config) {
        this.account = account;
        this.targetUrls = targetUrls;
        this.cipher = cipher;
        this.outbox = outbox;
        this.rotationGrace = config.signing().rotationGrace();
    }

    @POST
    @Transactional
    public Response create(NewWebhook body) {
        UUID accountId = account.id();
        if (body == null) {
            throw InvalidFieldException.badRequest("body", "a JSON object is required");
        }
        Webhook webhook = new Webhook();
        webhook.id = UUID.randomUUID();
        webhook.accountId = accountId;
        webhook.name = WebhookRules.name(body.name());
        webhook.url = WebhookRules.url(body.url());
        webhook.events = WebhookRules.events(body.events());
        webhook.siteId = ownedSite(accountId, body.siteId());
        webhook.spikeThresholdPct = WebhookRules.spikeThreshold(body.spikeThresholdPct());
        webhook.dropThresholdPct = WebhookRules.dropThreshold(body.dropThresholdPct());
        GoalFilter.store(GoalFilter.checked(GoalFilter.parse(body.goals()), webhook.events), webhook);
        targetUrls.requireAllowed(webhook.url);
        String secret = SigningSecrets.generate();
        seal(webhook, secret);
        webhook.createdAt = now();
        webhook.updatedAt = webhook.createdAt;
        webhook.enabled = true;
        webhook.enabledAt = webhook.createdAt;
        if (body.enabled() != null && !body.enabled()) {
            webhook.disable(DisabledReason.MANUAL, webhook.createdAt);
        }
        webhook.persist();
        outbox.webhookChanged(webhook);
        return Response.status(Response.Status.CREATED).entity(WebhookView.withSecret(webhook, secret)).build();
    }

    @GET
    public Page<WebhookView> list(@QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        UUID accountId = account.id();
        int pageSize = Page.size(limit);
        List<Webhook> rows;
        if (cursor == null) {
            rows = Webhook.find("accountId = ?1 order by createdAt, id", accountId).page(0, pageSize + 1).list();
        } else {
            PageCursor after = PageCursor.decode(cursor);
            rows = Webhook.find("accountId = ?1 and (createdAt > ?2 or (createdAt = ?2 and id > ?3)) order by createdAt, id",
                    accountId, after.createdAt(), after.id()).page(0, pageSize + 1).list();
        }
        String next = null;
        if (rows.size() > pageSize) {
            rows = rows.subList(0, pageSize);
            Webhook last = rows.get(pageSize - 1);
            next = new PageCursor(last.createdAt, last.id).encode();
        }
        return new Page<>(rows.stream().map(WebhookView::of).toList(), next);
    }

    @GET
    @Path("/{id}")
    public WebhookView get(@PathParam("id") String id) {
        return WebhookView.of(Webhook.owned(account.id(), id));
    }

    @PATCH
    @Path("/{id}")
    @Transactional
    public WebhookView update(@PathParam("id") String id, JsonNode body) {
        UUID accountId = account.id();
        Webhook webhook = Webhook.owned(accountId, id);
        if (!(body instanceof ObjectNode patch)) {
            throw InvalidFieldException.badRequest("body", "a JSON object is required");
        }
        for (Iterator<String> names = patch.fieldNames(); names.hasNext();) {
            String field = names.next();
            if (!PATCHABLE.contains(field)) {
                throw InvalidFieldException.badRequest(field, "unknown field or not changeable");
            }
        }
        if (patch.has("name")) {
            webhook.name = WebhookRules.name(text(patch, "name"));
        }
        if (patch.has("events")) {
            webhook.events = WebhookRules.events(textList(patch, "events"));
        }
        if (patch.has("site_id")) {
            webhook.siteId = ownedSite(accountId, text(patch, "site_id"));
        }
        if (patch.has("spike_threshold_pct")) {
            webhook.spikeThresholdPct = WebhookRules.spikeThreshold(requiredNumber(patch, "spike_threshold_pct"));
        }
        if (patch.has("drop_threshold_pct")) {
            webhook.dropThresholdPct = WebhookRules.dropThreshold(requiredNumber(patch, "drop_threshold_pct"));
        }
        if (patch.has("goals") || patch.has("events")) {
            GoalFilter goals = patch.has("goals") ? GoalFilter.parse(patch.get("goals")) : GoalFilter.of(webhook);
            GoalFilter.store(GoalFilter.checked(goals, webhook.events), webhook);
        }
        Instant now = now();
        if (patch.has("enabled")) {
            JsonNode enabled = patch.get("enabled");
            if (!enabled.isBoolean()) {
                throw InvalidFieldException.badRequest("enabled", "must be true or false");
            }
            if (enabled.booleanValue()) {
                webhook.enable(now);
            } else {
                webhook.disable(DisabledReason.MANUAL, now);
            }
        }
        if (patch.has("url")) {
            String url = WebhookRules.url(text(patch, "url"));
            if (!url.equals(webhook.url)) {
                targetUrls.requireAllowed(url);
                webhook.url = url;
            }
        }
        webhook.updatedAt = now;
        outbox.webhookChanged(webhook);
        return WebhookView.of(webhook);
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    public Response delete(@PathParam("id") String id) {
        Webhook webhook = Webhook.owned(account.id(), id);
        webhook.delete();
        outbox.webhookDeleted(webhook);
        return Response.noContent().build();
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Transactional
    public RotatedSecret rotateSecret(@PathParam("id") String id) {
        Webhook webhook = Webhook.owned(account.id(), id);
        Instant now = now();
        webhook.previousSecretKeyId = webhook.secretKeyId;
        webhook.previousSecretCiphertext = webhook.secretCiphertext;
        webhook.previousSecretUntil = now.plus(rotationGrace);
        String secret = SigningSecrets.generate();
        seal(webhook, secret);
        webhook.updatedAt = now;
        outbox.webhookChanged(webhook);
        return new RotatedSecret(secret, webhook.previousSecretUntil);
    }

    /** Null (all the account's sites) or one of the account's own sites. */
    private static String ownedSite(UUID accountId, String siteId) {
        if (siteId == null) {
            return null;
        }
        Site site = Site.findById(siteId);
        if (site == null || !site.accountId.equals(accountId)) {
            throw new InvalidFieldException(422, "site_id", "is not a site of this account");
        }
        return siteId;
    }

    private void seal(Webhook webhook, String secret) {
        SecretCipher.Sealed sealed = cipher.seal(webhook.id, secret);
        webhook.secretKeyId = sealed.keyId();
        webhook.secretCiphertext = sealed.ciphertext();
    }

    private static String text(ObjectNode patch, String field) {
        JsonNode node = patch.get(field);
        if (node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw InvalidFieldException.badRequest(field, "must be a string");
        }
        return node.textValue();
    }

    private static BigDecimal requiredNumber(ObjectNode patch, String field) {
        JsonNode node = patch.get(field);
        if (!node.isNumber()) {
            throw InvalidFieldException.badRequest(field, "must be a number");
        }
        return node.decimalValue();
    }

    private static List<String> textList(ObjectNode patch, String field) {
        JsonNode node = patch.get(field);
        if (!node.isArray()) {
            throw InvalidFieldException.badRequest(field, "must be an array of strings");
        }
        List<String> values = new java.util.ArrayList<>();
        for (JsonNode element : node) {
            if (!element.isTextual()) {
                throw InvalidFieldException.badRequest(field, "must be an array of strings");
            }
            values.add(element.textValue());
        }
        return values;
    }

    private static Instant now() {
        // PostgreSQL keeps microseconds; the cursor must match what a later read returns
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
