package com.statalog.webhooks.dispatcher.intake;

import java.util.Base64;
import java.util.BitSet;
import java.util.Collection;

/**
 * Offsets of one partition finished beyond its committed offset, written into the commit's
 * metadata so that the partition's next owner does not deliver them again. Kafka commits one
 * offset per partition: everything before it is done, everything after it is read again by the
 * next owner; but deliveries finish out of order (each webhook at its own pace), so at a
 * rebalance many records after the committed offset are already delivered. Bit {@code i} stands
 * for offset {@code committed + i}; at most {@link #MAX_OFFSETS} are kept, which fits Kafka's
 * default 4 096-character limit on commit metadata; what does not fit is delivered again, as it
 * would have been without this.
 */
public final class FinishedOffsets {

    static final String PREFIX = "finished:v1:";
    static final int MAX_OFFSETS = 24_000;

    private final long base;
    private final BitSet finished;

    private FinishedOffsets(long base, BitSet finished) {
        this.base = base;
        this.finished = finished;
    }

    /** The offsets of {@code finished} from {@code committed} on (those before it are covered by the commit). */
    public static FinishedOffsets above(long committed, Collection<Long> finished) {
        BitSet bits = new BitSet();
        for (long offset : finished) {
            if (offset >= committed && offset - committed < MAX_OFFSETS) {
                bits.set((int) (offset - committed));
            }
        }
        return new FinishedOffsets(committed, bits);
    }

    /** What a commit at {@code committed} carried; nothing for metadata of any other form (or none). */
    public static FinishedOffsets read(long committed, String metadata) {
        if (metadata == null || !metadata.startsWith(PREFIX)) {
            return new FinishedOffsets(committed, new BitSet());
        }
        try {
            BitSet bits = BitSet.valueOf(Base64.getUrlDecoder().decode(metadata.substring(PREFIX.length())));
            return new FinishedOffsets(committed, bits.length() > MAX_OFFSETS ? bits.get(0, MAX_OFFSETS) : bits);
        } catch (IllegalArgumentException unreadable) {
            return new FinishedOffsets(committed, new BitSet());
        }
    }

    public boolean isEmpty() {
        return finished.isEmpty();
    }

    public int count() {
        return finished.cardinality();
    }

    public boolean contains(long offset) {
        return offset >= base && offset - base < MAX_OFFSETS && finished.get((int) (offset - base));
    }

    /** The commit metadata. */
    public String metadata() {
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(finished.toByteArray());
    }
}
