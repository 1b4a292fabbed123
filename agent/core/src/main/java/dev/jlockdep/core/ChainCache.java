package dev.jlockdep.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The set of held-lock chains already validated, by chain key (lockdep's chain cache). Membership is
 * tested without a lock (opaque reads: a miss just sends the caller to the slow path, which looks
 * again under the graph lock); insertion and growth happen under the graph lock.
 */
final class ChainCache {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    private volatile long[] keys = new long[4096];
    private int size;

    /**
     * The chain key of a held stack extended by one acquisition; never 0 (the empty-slot marker). One
     * multiply and a rotate: it sits on the hot path's critical chain of dependent loads.
     */
    static long extend(long chainKey, int classId, int mode) {
        long h = Long.rotateLeft(chainKey, 21) ^ ((((long) classId << 2) | mode) + 1) * 0x9E3779B97F4A7C15L;
        return h == 0 ? 1 : h;
    }

    boolean contains(long key) {
        long[] k = keys;
        int mask = k.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long v = (long) SLOT.getOpaque(k, i);
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
        if ((size + 1) * 2 > keys.length) {
            long[] old = keys;
            long[] grown = new long[old.length * 2];
            for (long v : old) {
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

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    private static void insert(long[] k, long key) {
        int mask = k.length - 1;
        int i = slot(key, mask);
        while (k[i] != 0) {
            i = (i + 1) & mask;
        }
        SLOT.setRelease(k, i, key);
    }
}
