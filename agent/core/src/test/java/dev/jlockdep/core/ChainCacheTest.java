package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChainCacheTest {
    @Test
    void holdsWhatWasAddedThroughGrowth() {
        ChainCache cache = new ChainCache();
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
    void keyDependsOnOrderClassAndMode() {
        long ab = ChainCache.extend(ChainCache.extend(HeldLocks.EMPTY_CHAIN, 1, 0), 2, 0);
        long ba = ChainCache.extend(ChainCache.extend(HeldLocks.EMPTY_CHAIN, 2, 0), 1, 0);
        long abRead = ChainCache.extend(ChainCache.extend(HeldLocks.EMPTY_CHAIN, 1, 0), 2, 1);
        assertNotEquals(ab, ba);
        assertNotEquals(ab, abRead);
        assertNotEquals(0L, ChainCache.extend(0, 0, 0));
    }
}
