package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainCacheTest {
    @Test
    void holdsWhatWasAddedThroughGrowth() {
        ChainCache cache = new ChainCache(1 << 20);
        Set<Long> keys = new HashSet<>();
        long key = HeldLocks.EMPTY_CHAIN;
        for (int i = 1; i <= 20_000; i++) {
            key = ChainCache.extend(i % 7 == 0 ? HeldLocks.EMPTY_CHAIN : key, i, i % 3);
            cache.add(key);
            keys.add(key);
        }
        for (long k : keys) {
            assertTrue(cache.contains(k));
        }
        int absent = 0;
        for (int i = 1; absent < 1_000; i++) {
            long other = ChainCache.extend(i, 99_999, 2); // chains never added
            if (!keys.contains(other)) {
                assertFalse(cache.contains(other));
                absent++;
            }
        }
    }

    @Test
    void aFullGenerationDropsTheOneBeforeButKeepsWhatWasLookedUpAgain() {
        ChainCache cache = new ChainCache(6); // two generations of three keys
        assertTrue(cache.add(1));
        assertTrue(cache.add(2));
        assertTrue(cache.add(3));
        assertFalse(cache.add(3));
        assertTrue(cache.add(4)); // the first generation, {1, 2, 3}, becomes the older one
        assertTrue(cache.contains(1));
        assertFalse(cache.add(2)); // known: carried into the newer generation, not new
        assertTrue(cache.add(5));
        assertEquals(5, cache.size());
        assertTrue(cache.add(6)); // {4, 2, 5} becomes the older one; 1 and 3 are dropped
        assertEquals(2, cache.evicted());
        assertFalse(cache.contains(1));
        assertFalse(cache.contains(3));
        assertTrue(cache.contains(2));
        assertTrue(cache.contains(6));
        assertEquals(4, cache.size());
        assertTrue(cache.add(1)); // evicted, so new: its chain is validated again
    }

    @Test
    void keyDependsOnOrderClassAndMode() {
        long ab = ChainCache.extend(ChainCache.extend(HeldLocks.EMPTY_CHAIN, 1, 0), 2, 0);
        long ba = ChainCache.extend(ChainCache.extend(HeldLocks.EMPTY_CHAIN, 2, 0), 1, 0);
        long abRead = ChainCache.extend(ChainCache.extend(HeldLocks.EMPTY_CHAIN, 1, 0), 2, 1);
        assertNotEquals(ab, ba);
        assertNotEquals(ab, abRead);
        assertNotEquals(0L, ChainCache.extend(0, 0, 0));
    }
}
