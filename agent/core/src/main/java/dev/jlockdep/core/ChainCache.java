package dev.jlockdep.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The set of held-lock chains already validated, by chain key (lockdep's chain cache). Membership is
 * tested without a lock (plain reads of slots written with release stores: a miss just sends the caller
 * to the slow path, which looks again under the graph lock; not a {@code VarHandle}'s, which C2 compiles
 * through a dozen method-handle frames in every hook it inlines into); insertion and growth happen under
 * the graph lock.
 *
 * <p>Unlike the kernel's, whose chains live in static arrays, this cache evicts instead of turning
 * validation off: it holds two generations of at most {@code capacity / 2} keys each. When the newer
 * one is full it becomes the older one and the older one is dropped, except for the keys looked up
 * again meanwhile (carried into the newer one). A dropped chain is validated again if it comes back,
 * which finds nothing new but costs a slow path; memory stays bounded by {@code capacity} keys.
 */
final class ChainCache {
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final long[] NONE = new long[1];
    private static final int INITIAL = 4096;

    private final int generation;
    private volatile long[] keys = new long[INITIAL];
    private int size;
    /** The generation before, only read and dropped whole; its keys still count as validated. */
    private volatile long[] older = NONE;
    private int olderSize;
    /** Keys of the older generation carried into the newer one since it became the older. */
    private int carried;
    private long evicted;

    /** @param capacity how many keys both generations hold at most (at least 2) */
    ChainCache(int capacity) {
        this.generation = Math.max(1, capacity / 2);
    }

    /**
     * The chain key of a held stack extended by one acquisition; never 0 (the empty-slot marker). One
     * multiply and a rotate: it sits on the hot path's critical chain of dependent loads.
     */
    static long extend(long chainKey, int classId, int mode) {
        long h = Long.rotateLeft(chainKey, 21) ^ ((((long) classId << 2) | mode) + 1) * 0x9E3779B97F4A7C15L;
        return h == 0 ? 1 : h;
    }

    boolean contains(long key) {
        return probe(keys, key) || probe(older, key);
    }

    /**
     * Adds a key (the caller holds the graph lock); true if it is new, so that its chain must be
     * validated. A key of the older generation is carried into the newer one and is not new.
     */
    boolean add(long key) {
        if (probe(keys, key)) {
            return false;
        }
        boolean known = probe(older, key);
        if (known) {
            carried++;
        }
        if (size == generation) {
            evicted += olderSize - carried;
            older = keys;
            olderSize = size;
            carried = 0;
            keys = new long[INITIAL];
            size = 0;
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
        return !known;
    }

    /** Distinct keys held, in both generations. */
    long size() {
        return size + olderSize - carried;
    }

    /** Keys dropped with an older generation, never looked up again before. */
    long evicted() {
        return evicted;
    }

    private static boolean probe(long[] k, long key) {
        int mask = k.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            long v = k[i];
            if (v == key) {
                return true;
            }
            if (v == 0) {
                return false;
            }
        }
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
