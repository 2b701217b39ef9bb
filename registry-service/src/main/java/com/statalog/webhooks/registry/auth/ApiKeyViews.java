package com.statalog.webhooks.registry.auth;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The API keys' request and answer bodies, the same for the operator's routes and an account's own. */
public final class ApiKeyViews {

    private ApiKeyViews() {
    }

    /**
     * A key to issue; the body may be left out for a key that never expires, and then so may its
     * {@code Content-Type} (as {@code curl -X POST} sends it, and as keys were issued before they had
     * a body): the route reads the body as text and this reads it as JSON.
     */
    public record NewApiKeyRequest(
            @Schema(description = "When the key stops working; null or absent: never", nullable = true,
                    example = "2027-06-30T00:00:00Z") Instant expiresAt) {

        /** The request a body holds: none for an empty one; a malformed one fails as any body does (400 naming the field). */
        static NewApiKeyRequest read(ObjectMapper json, String body) throws JsonProcessingException {
            NewApiKeyRequest request = body == null || body.isBlank() ? null : json.readValue(body, NewApiKeyRequest.class);
            // a JSON null is no body too (generated clients send it for an absent optional body)
            return request == null ? new NewApiKeyRequest(null) : request;
        }
    }

    /** A key as listed: what identifies it, never the key. */
    public record ApiKeyView(UUID id,
            @Schema(description = "`slk_` and the first 8 hex digits of its id: how a person recognises the key (not secret)",
                    example = "slk_3f9a1c2e") String prefix,
            Instant createdAt,
            @Schema(description = "When it stops (or stopped) working; null: never", nullable = true) Instant expiresAt,
            @Schema(description = "When a request last presented it, to the minute; null: never", nullable = true) Instant lastUsedAt) {

        static ApiKeyView of(ApiKey key) {
            return new ApiKeyView(key.id, key.prefix(), key.createdAt, key.expiresAt, key.lastUsedAt);
        }
    }

    public record ApiKeyList(List<ApiKeyView> items) {

        static ApiKeyList of(List<ApiKey> keys) {
            return new ApiKeyList(keys.stream().map(ApiKeyView::of).toList());
        }
    }

    /** A key just issued: the only answer that ever shows the key. */
    public record NewApiKey(UUID id, String prefix, Instant createdAt,
            @Schema(nullable = true) Instant expiresAt,
            @Schema(description = "The key, `slk_<32 hex>_<43 base64url>`: shown only here") String key) {

        static NewApiKey of(ApiKeys.Issued issued) {
            ApiKey key = issued.description();
            return new NewApiKey(key.id, key.prefix(), key.createdAt, key.expiresAt, issued.key());
        }
    }
}
