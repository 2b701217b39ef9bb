package com.statalog.webhooks.registry.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/**
 * Issues and checks account API keys: {@code slk_<key id, 32 hex>_<secret, base64url of 32 random
 * bytes>}. The key id finds the row; the secret is compared by hash in constant time. A key is
 * high-entropy, so a fast hash is enough: nobody can guess one to brute-force it.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Pattern FORMAT = Pattern.compile("slk_([0-9a-f]{32})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Creates a key for the account; answers the key, which is never stored and never shown again. */
    @Transactional
    public String issue(UUID accountId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String secretText = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        ApiKey key = new ApiKey();
        key.id = UUID.randomUUID();
        key.accountId = accountId;
        key.secretHash = sha256(secretText);
        key.createdAt = Instant.now();
        key.persist();
        return "slk_" + key.id.toString().replace("-", "") + "_" + secretText;
    }

    /** The account of a presented key, if the key is one of ours. */
    public Optional<UUID> accountOf(String presented) {
        Matcher matcher = FORMAT.matcher(presented);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String hex = matcher.group(1);
        UUID id = UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        ApiKey key = ApiKey.findById(id);
        byte[] presentedHash = sha256(matcher.group(2));
        if (key == null) {
            return Optional.empty();
        }
        return MessageDigest.isEqual(key.secretHash, presentedHash) ? Optional.of(key.accountId) : Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
