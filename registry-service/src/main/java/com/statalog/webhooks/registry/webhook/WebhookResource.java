package com.statalog.webhooks.registry.webhook;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.statalog.webhooks.contracts.config.Goals;
import com.statalog.webhooks.registry.RegistryConfig;
import com.statalog.webhooks.registry.account.Site;
import com.statalog.webhooks.registry.auth.CurrentAccount;
import com.statalog.webhooks.registry.auth.Roles;
import com.statalog.webhooks.registry.dispatcher.TargetUrls;
import com.statalog.webhooks.registry.limit.AccountLimits;
import com.statalog.webhooks.registry.limit.LimitedResource;
import com.statalog.webhooks.registry.outbox.Outbox;
import com.statalog.webhooks.registry.problem.FieldErrors;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.problem.ProblemMappers;
import com.statalog.webhooks.registry.signing.SecretCipher;
import com.statalog.webhooks.registry.signing.SigningSecrets;

/**
 * An account's webhooks. Every route answers 404 for another account's webhook exactly as for a
 * missing one. The signing secret is in the answers of create and rotate-secret only.
 */
@Path("/api/v1/webhooks")
@Tag(name = "Webhooks")
@RolesAllowed(Roles.ACCOUNT)
@SecurityRequirement(name = Roles.ACCOUNT_API_KEY)
@APIResponse(responseCode = "503", description = ProblemMappers.DATABASE_UNAVAILABLE)
public class WebhookResource {

    /** A new webhook: name, url and events are required, the rest has defaults (docs/registry-api.md). */
    public record NewWebhook(
            @NotNull(message = WebhookRules.REQUIRED) @WebhookRules.Name
            @Schema(description = WebhookFields.NAME, pattern = WebhookFields.NOT_BLANK, example = "CRM signup sync") String name,
            @NotNull(message = WebhookRules.REQUIRED) @WebhookRules.Url
            @Schema(description = WebhookFields.URL, pattern = WebhookFields.NOT_BLANK, example = "https://crm.example.com/hooks/statalog") String url,
            @NotNull(message = WebhookRules.REQUIRED) @WebhookRules.Events
            @Schema(description = WebhookFields.EVENTS, example = "[\"goal.converted\"]") List<String> events,
            @Schema(description = WebhookFields.SITE_ID, nullable = true, example = "ST-A1B2C3") String siteId,
            @WebhookRules.Percentage(max = WebhookRules.MAX_SPIKE)
            @Schema(description = WebhookFields.SPIKE, maximum = WebhookRules.MAX_SPIKE, example = "50") BigDecimal spikeThresholdPct,
            @WebhookRules.Percentage(max = WebhookRules.MAX_DROP)
            @Schema(description = WebhookFields.DROP, maximum = WebhookRules.MAX_DROP, example = "50") BigDecimal dropThresholdPct,
            @Schema(description = WebhookFields.GOALS, implementation = Goals.class, nullable = true) JsonNode goals,
            @Schema(description = WebhookFields.ENABLED) Boolean enabled) {
    }

    /** The new secret, shown once; the replaced one is still listed in {@code webhook-signature} until {@code previousSecretValidUntil}. */
    public record RotatedSecret(String secret, Instant previousSecretValidUntil) {
    }

    private final CurrentAccount account;
    private final TargetUrls targetUrls;
    private final SecretCipher cipher;
    private final Outbox outbox;
    /** Reads PATCH bodies: strict about JSON types, as the API was before its bodies were typed. */
    private final ObjectMapper strictJson;
    private final Validator validator;
    private final AccountLimits limits;

    private final Duration rotationGrace;

    WebhookResource(CurrentAccount account, TargetUrls targetUrls, SecretCipher cipher, Outbox outbox, ObjectMapper json,
            Validator validator, AccountLimits limits, RegistryConfig config) {
        this.account = account;
        this.targetUrls = targetUrls;
        this.cipher = cipher;
        this.outbox = outbox;
        this.strictJson = WebhookChange.strict(json);
        this.validator = validator;
        this.limits = limits;
        this.rotationGrace = config.signing().rotationGrace();
    }

    @POST
    @Transactional
    @ResponseStatus(201)
    @APIResponse(responseCode = "201", description = "The webhook, with its signing secret shown only here",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookView.class)))
    @APIResponse(responseCode = "409", description = "The account has reached its limit of webhooks (`limit` names it)")
    @Operation(operationId = "createWebhook", summary = "Create a webhook")
    public WebhookView create(NewWebhook body) {
        UUID accountId = account.id();
        if (body == null) {
            throw InvalidFieldException.badRequest("body", "a JSON object is required");
        }
        FieldErrors errors = new FieldErrors();
        errors.addAll(validator.validate(body));
        Goals goals = GoalRules.parse(body.goals(), errors);
        errors.throwIfAny();
        limits.requireRoomFor(accountId, LimitedResource.WEBHOOKS);
        Webhook webhook = new Webhook();
        webhook.id = UUID.randomUUID();
        webhook.accountId = accountId;
        webhook.name = body.name();
        webhook.url = body.url();
        webhook.events = WebhookRules.normalised(body.events());
        webhook.siteId = ownedSite(accountId, body.siteId());
        webhook.spikeThresholdPct = WebhookRules.orDefault(body.spikeThresholdPct());
        webhook.dropThresholdPct = WebhookRules.orDefault(body.dropThresholdPct());
        GoalRules.store(GoalRules.applicable(goals, webhook.events), webhook);
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
        return WebhookView.withSecret(webhook, secret);
    }

    @GET
    @APIResponse(responseCode = "200", description = "A page of the account's webhooks, oldest first")
    @Operation(operationId = "listWebhooks", summary = "List the account's webhooks")
    public Page<WebhookView> list(@Parameter(description = Page.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100")) @QueryParam("limit") String limit,
            @Parameter(description = Page.CURSOR) @QueryParam("cursor") String cursor) {
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
    @APIResponse(responseCode = "200", description = "The webhook")
    @Operation(operationId = "getWebhook", summary = "Get a webhook")
    public WebhookView get(@PathParam("id") String id) {
        return WebhookView.of(Webhook.owned(account.id(), id));
    }

    @PATCH
    @Path("/{id}")
    @Transactional
    @APIResponse(responseCode = "200", description = "The webhook, changed")
    @APIResponse(responseCode = "409", description = "Changed at the same moment by something else (an auto-disable); retry")
    @Operation(operationId = "updateWebhook", summary = "Change a webhook's fields")
    public WebhookView update(@PathParam("id") String id,
            // read as a tree to tell an absent field from a null one; the document shows the fields it may carry
            @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookPatch.class)))
            JsonNode body) throws JsonProcessingException {
        UUID accountId = account.id();
        Webhook webhook = Webhook.owned(accountId, id);
        WebhookChange change = WebhookChange.read(body, strictJson, validator);
        WebhookPatch patch = change.patch();
        if (change.has("name")) {
            webhook.name = patch.name();
        }
        if (change.has("events")) {
            webhook.events = WebhookRules.normalised(patch.events());
        }
        if (change.has("site_id")) {
            webhook.siteId = ownedSite(accountId, patch.siteId());
        }
        if (change.has("spike_threshold_pct")) {
            webhook.spikeThresholdPct = patch.spikeThresholdPct();
        }
        if (change.has("drop_threshold_pct")) {
            webhook.dropThresholdPct = patch.dropThresholdPct();
        }
        if (change.has("goals") || change.has("events")) {
            Goals goals = change.has("goals") ? change.goals() : GoalRules.of(webhook);
            GoalRules.store(GoalRules.applicable(goals, webhook.events), webhook);
        }
        Instant now = now();
        if (change.has("enabled")) {
            if (patch.enabled()) {
                webhook.enable(now);
            } else {
                webhook.disable(DisabledReason.MANUAL, now);
            }
        }
        if (change.has("url") && !patch.url().equals(webhook.url)) {
            targetUrls.requireAllowed(patch.url());
            webhook.url = patch.url();
        }
        webhook.updatedAt = now;
        outbox.webhookChanged(webhook);
        return WebhookView.of(webhook);
    }

    @DELETE
    @Path("/{id}")
    @Transactional
    @APIResponse(responseCode = "204", description = "Deleted; its deliveries stop")
    @APIResponse(responseCode = "409", description = "Changed at the same moment by something else (an auto-disable); retry")
    @Operation(operationId = "deleteWebhook", summary = "Delete a webhook")
    public void delete(@PathParam("id") String id) {
        Webhook webhook = Webhook.owned(account.id(), id);
        webhook.delete();
        outbox.webhookDeleted(webhook);
    }

    @POST
    @Path("/{id}/rotate-secret")
    @Transactional
    @APIResponse(responseCode = "200", description = "The new signing secret, shown only here; the old one signs too until it expires")
    @APIResponse(responseCode = "409", description = "Changed at the same moment by something else (an auto-disable); retry")
    @Operation(operationId = "rotateWebhookSecret", summary = "Rotate a webhook's signing secret")
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

    private static Instant now() {
        // PostgreSQL keeps microseconds; the cursor must match what a later read returns
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
