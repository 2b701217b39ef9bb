package com.statalog.webhooks.dispatcher.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

class FinishedOffsetsTest {

    @Test
    void theNextOwnerReadsBackExactlyTheOffsetsFinishedFromTheCommittedOne() {
        FinishedOffsets written = FinishedOffsets.above(1_000, List.of(998L, 1_001L, 1_002L, 1_500L));

        FinishedOffsets read = FinishedOffsets.read(1_000, written.metadata());

        assertEquals(3, read.count(), "998 is before the commit and needs no note");
        assertTrue(read.contains(1_001) && read.contains(1_002) && read.contains(1_500));
        assertFalse(read.contains(1_000) || read.contains(1_003) || read.contains(998));
    }

    @Test
    void everyOffsetItCanHoldFitsKafkasDefaultMetadataLimit() {
        FinishedOffsets all = FinishedOffsets.above(0, LongStream.range(0, FinishedOffsets.MAX_OFFSETS + 500).boxed().toList());

        assertTrue(all.metadata().length() <= 4_096, all.metadata().length() + " characters");
        assertEquals(FinishedOffsets.MAX_OFFSETS, FinishedOffsets.read(0, all.metadata()).count());
        assertFalse(all.contains(FinishedOffsets.MAX_OFFSETS), "beyond what fits is delivered again");
    }

    @Test
    void metadataOfAnyOtherFormOrNoneMeansNothingWasFinished() {
        assertTrue(FinishedOffsets.read(5, null).isEmpty());
        assertTrue(FinishedOffsets.read(5, "").isEmpty());
        assertTrue(FinishedOffsets.read(5, "someone else's note").isEmpty());
        assertTrue(FinishedOffsets.read(5, FinishedOffsets.PREFIX + "%%%not base64").isEmpty());
    }
}
