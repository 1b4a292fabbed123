package dev.jlockdep.core;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The set of held-lock chains already validated, by chain key (lockdep's chain cache). Membership is
 * tested without a lock; insertion happens under the graph lock, which also guards growth.
 */
final class ChainCache {
    private volatile AtomicLongArray keys = new AtomicLongArray(4096);
    private int size;

    /** The chain key of a held stack extended by one acquisition; never 0 (the empty-slot marker). */
    static long extend(long chainKey, int classId, int mode) {
        long h = (chainKey ^ ((long) classId << 2 | mode)) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return h == 0 ? 1 : h;
    }

    boolean contains(long key) {
        AtomicLongArray k = keys;
        int mask = k.length() - 1;
        for (int i = (int) key & mask; ; i = (i + 1) & mask) {
            long v = k.get(i);
            if (v == key) {
                return true;
            }
            if (v == 0) {
                return false;
            }
        }
    }

    /** Adds a key; the caller holds the graph lock. */
    void add(long key) {
        if (contains(key)) {
            return;
        }
        if ((size + 1) * 2 > keys.length()) {
            AtomicLongArray old = keys;
            AtomicLongArray grown = new AtomicLongArray(old.length() * 2);
            for (int i = 0; i < old.length(); i++) {
                long v = old.get(i);
                if (v != 0) {
                    insert(grown, v);
                }
            }
            keys = grown;
        }
        insert(keys, key);
        size++;
    }

    int size() {
        return size;
    }

    private static void insert(AtomicLongArray k, long key) {
        int mask = k.length() - 1;
        int i = (int) key & mask;
        while (k.get(i) != 0) {
            i = (i + 1) & mask;
        }
        k.set(i, key);
    }
}
