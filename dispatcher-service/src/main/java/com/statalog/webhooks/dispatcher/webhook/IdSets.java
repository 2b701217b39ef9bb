package com.statalog.webhooks.dispatcher.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The webhook ids of one site (or of one account's all-sites webhooks), as the directory's index
 * holds them: readers iterate a set without locking while the single writer changes it.
 * <p>
 * Most sites have one or a few webhooks: up to {@link #SMALL} ids are an immutable set, replaced
 * whole on a change (a copy of at most {@value #SMALL} ids: a few bytes a site instead of a
 * concurrent set of its own, ~0.2 KB). A site that grows past it gets a concurrent key set, changed
 * in place: applying one change never copies a large site's ids, whatever their number (copying a
 * site's whole set on every change made loading n webhooks of one site cost n² time and garbage, and
 * was where a 96 MB heap ran out of memory at ~5 000 webhooks in issue 35). A large set turns back into an immutable one once it has shrunk to
 * {@value #SHRUNK}, so that a site that once had many webhooks does not keep its big table.
 */
final class IdSets {

    static final int SMALL = 8;
    static final int SHRUNK = SMALL / 2;

    private IdSets() {
    }

    /** {@code ids} with {@code id}, the same set when it is a concurrent one; {@code ids} may be null (none). */
    static Set<UUID> with(Set<UUID> ids, UUID id) {
        if (ids == null) {
            return Set.of(id);
        }
        if (isLarge(ids)) {
            ids.add(id);
            return ids;
        }
        if (ids.contains(id)) {
            return ids;
        }
        if (ids.size() < SMALL) {
            List<UUID> more = new ArrayList<>(ids.size() + 1);
            more.addAll(ids);
            more.add(id);
            return Set.copyOf(more);
        }
        Set<UUID> large = ConcurrentHashMap.newKeySet();
        large.addAll(ids);
        large.add(id);
        return large;
    }

    /** {@code ids} without {@code id}, or null when none is left. */
    static Set<UUID> without(Set<UUID> ids, UUID id) {
        if (isLarge(ids)) {
            ids.remove(id);
            return ids.size() > SHRUNK ? ids : small(ids);
        }
        if (!ids.contains(id)) {
            return ids;
        }
        List<UUID> fewer = new ArrayList<>(ids);
        fewer.remove(id);
        return fewer.isEmpty() ? null : Set.copyOf(fewer);
    }

    static boolean isLarge(Set<UUID> ids) {
        return ids instanceof ConcurrentHashMap.KeySetView;
    }

    private static Set<UUID> small(Set<UUID> ids) {
        return ids.isEmpty() ? null : Set.copyOf(ids);
    }
}
