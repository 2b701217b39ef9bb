package com.statalog.webhooks.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

import io.quarkus.panache.common.Sort;

import com.statalog.webhooks.registry.limit.AccountLimits;
import com.statalog.webhooks.registry.limit.LimitedResource;
import com.statalog.webhooks.registry.problem.InvalidFieldException;
import com.statalog.webhooks.registry.problem.StorableInstants;

/**
 * Issues, lists, revokes and checks account API keys: {@code slk_<key id, 32 hex>_<secret,
 * base64url of 32 random bytes>}. The key id finds the row; the secret is compared by hash in
 * constant time. A key is high-entropy, so a fast hash is enough: nobody can guess one to
 * brute-force it. Every check reads the row, so a revoked (deleted) or expired key is refused by
 * every replica from the next request on.
 */
@ApplicationScoped
public class ApiKeys {

    /** How stale {@code last_used_at} may be: it is written at most this often per key, not at every request. */
    static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private static final Pattern FORMAT = Pattern.compile("slk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A key just issued: its description, and the key itself, shown only this once. */
    public record Issued(ApiKey description, String key) {
    }

    private final AccountLimits limits;

    ApiKeys(AccountLimits limits) {
        this.limits = limits;
    }

    /**
     * Creates a key for the account, within its limit of keys; {@code expiresAt} null for one that
     * never expires. The key is never stored and never shown again.
     */
    @Transactional
    public Issued issue(UUID accountId, Instant expiresAt) {
        Instant now = now();
        if (expiresAt != null && !StorableInstants.require("expires_at", expiresAt).isAfter(now)) {
            throw new InvalidFieldException(422, "expires_at", "must be in the future");
        }
        limits.requireRoomFor(accountId, LimitedResource.API_KEYS);
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.accountId = accountId;
        key.secretHash = sha256(secretText);
        key.createdAt = now;
        key.expiresAt = expiresAt == null ? null : expiresAt.truncatedTo(ChronoUnit.MICROS);
        key.persist();
        return new Issued(key, "slk_" + key.id.toString().replace("-", "") + "_" + secretText);
    }

    /** The account's keys, oldest first, expired ones included (until revoked). */
    @Transactional
    public List<ApiKey> list(UUID accountId) {
        return ApiKey.list("accountId", Sort.by("createdAt").and("id"), accountId);
    }

    /** Deletes the account's key: 404 when it has no such key (another account's included). */
    @Transactional
    public void revoke(UUID accountId, String keyId) {
        UUID id = parseId(keyId).orElseThrow(() -> new NotFoundException("no such API key"));
        if (ApiKey.delete("id = ?1 and accountId = ?2", id, accountId) == 0) {
            throw new NotFoundException("no such API key");
        }
    }

    /** The account of a presented key, if the key is one of ours, not revoked and not expired. */
    @Transactional
    public Optional<UUID> accountOf(String presented) {
        Matcher matcher = FORMAT.matcher(presented);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String hex = matcher.group(1);
        UUID id = UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        ApiKey key = ApiKey.findById(id);
        byte[] presentedHash = sha256(matcher.group(2));
        Instant now = now();
        if (key == null || !MessageDigest.isEqual(key.secretHash, presentedHash) || key.expiredAt(now)) {
            return Optional.empty();
        }
        if (key.lastUsedAt == null || key.lastUsedAt.isBefore(now.minus(TOUCH_EVERY))) {
            key.lastUsedAt = now;
        }
        return Optional.of(key.accountId);
    }

    private static Optional<UUID> parseId(String keyId) {
        try {
            return Optional.of(UUID.fromString(keyId));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
