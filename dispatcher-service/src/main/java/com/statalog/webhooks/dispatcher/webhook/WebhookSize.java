package com.statalog.webhooks.dispatcher.webhook;

import java.util.Optional;

import com.statalog.webhooks.contracts.config.Goals;
import com.statalog.webhooks.contracts.config.PreviousSecret;
import com.statalog.webhooks.contracts.config.WebhookState;

/**
 * How big a webhook may be, and how much heap one takes once loaded.
 * <p>
 * The bounds are the registry's own field limits (URL, goal filter) and the size of the secrets
 * it makes: a message past them was not written by a registry that checks its input, and is
 * refused before anything of it is built. The estimate is what {@link ConfigBudget} charges: it
 * is a pure function of the loaded {@link WebhookConfig}, so that the same amount is given back
 * when the webhook is replaced or deleted. Its constants were measured with the config-scale
 * benchmark (deploy/local/bench/config-scale.sh; docs/delivery.md, "Bounded configuration") and
 * err on the large side: the estimate of a webhook, typical or of the largest size, was never below
 * what the JVM was seen to hold for it (measured with 100 000 typical and 5 000 – 8 000 of the largest
 * webhooks: typical 1.07 KB with its own site, estimated 1.29 KB; largest 10.2 – 11.6 KB, estimated 11.7 KB).
 */
final class WebhookSize {

    /** The registry's limit on a webhook's URL. */
    static final int MAX_URL_CHARS = 2048;
    /** The registry's limit on a goal filter: ids and names together. */
    static final int MAX_GOAL_ENTRIES = 50;
    /** The registry's limit on one goal name. */
    static final int MAX_GOAL_NAME_CHARS = 100;
    /**
     * A sealed secret (base64 of nonce, secret and tag) the registry makes is about 100 characters;
     * ten times that is still far from anything it writes.
     */
    static final int MAX_SEALED_SECRET_CHARS = 1024;

    /**
     * Everything of a webhook that does not grow with its fields: the {@link WebhookConfig} record,
     * its ids, event set and both signing keys, its entries in the directory's maps and index, and
     * its version in the reader's {@code ConfigVersions}. Measured (config-scale benchmark, with
     * versions): 810 – 855 bytes for a webhook with a short URL and no goal filter, strings included;
     * this base gives that webhook an estimate of ~960.
     */
    static final long WEBHOOK_BASE_BYTES = 760;
    /** A replaced secret's keys and its end of grace, held while it is honoured. */
    static final long PREVIOUS_SECRET_BYTES = 250;
    /**
     * One entry of a goal filter's set (two slots of the immutable set's table, and room for what
     * parsing leaves with it); an id adds its {@code Long}. With it a webhook of the largest size
     * (2048-character URL, 50 names of 100 characters) is estimated at ~11.7 KB: measured 10.2 – 11.6 KB.
     */
    static final long GOAL_ENTRY_BYTES = 24;
    static final long GOAL_ID_BYTES = 16;
    /**
     * A site's account, its entry in the directory's map and its version, its id aside. Measured:
     * ~220 – 290 bytes a site with a short id, id included; this gives such a site ~300.
     */
    static final long SITE_BASE_BYTES = 200;

    private WebhookSize() {
    }

    /** Why the message is larger than any registry writes, or empty when it is not. Never quotes a value. */
    static Optional<String> oversized(WebhookState state) {
        if (state.url().length() > MAX_URL_CHARS) {
            return Optional.of("url longer than " + MAX_URL_CHARS + " characters");
        }
        Goals goals = state.goals();
        if (goals != null) {
            if (goals.ids().size() + goals.names().size() > MAX_GOAL_ENTRIES) {
                return Optional.of("more than " + MAX_GOAL_ENTRIES + " goal ids and names");
            }
            if (goals.names().stream().anyMatch(name -> name != null && name.length() > MAX_GOAL_NAME_CHARS)) {
                return Optional.of("a goal name longer than " + MAX_GOAL_NAME_CHARS + " characters");
            }
        }
        PreviousSecret previous = state.previousSecret();
        if (state.secret().ciphertext().length() > MAX_SEALED_SECRET_CHARS
                || previous != null && previous.ciphertext().length() > MAX_SEALED_SECRET_CHARS) {
            return Optional.of("sealed secret longer than " + MAX_SEALED_SECRET_CHARS + " characters");
        }
        return Optional.empty();
    }

    /** The heap the webhook takes once loaded, by estimate. */
    static long bytes(WebhookConfig webhook) {
        long bytes = WEBHOOK_BASE_BYTES + string(webhook.url()) + string(webhook.origin()) + string(webhook.siteId());
        GoalFilter goals = webhook.goals();
        bytes += (goals.ids().size() + goals.names().size()) * GOAL_ENTRY_BYTES + goals.ids().size() * GOAL_ID_BYTES;
        for (String name : goals.names()) {
            bytes += string(name);
        }
        if (webhook.previousSigning() != null) {
            bytes += PREVIOUS_SECRET_BYTES;
        }
        return bytes;
    }

    /** The heap a site's entry takes, by estimate: its id is held twice (the map's key and its version's key). */
    static long siteBytes(String siteId) {
        return SITE_BASE_BYTES + 2 * string(siteId);
    }

    /**
     * A string's heap: its object (24 bytes) and its array (16 bytes of header and one byte a
     * character when every character is Latin-1 — compact strings — else two, rounded up to 8).
     */
    static long string(String value) {
        if (value == null) {
            return 0;
        }
        int length = value.length();
        boolean latin1 = true;
        for (int i = 0; i < length && latin1; i++) {
            latin1 = value.charAt(i) < 256;
        }
        long array = 16 + (latin1 ? length : 2L * length);
        return 24 + (array + 7) / 8 * 8;
    }
}
