package dev.jlockdep.core;

import java.util.Arrays;

/**
 * The locks one thread holds, outermost first, as parallel arrays so that pushing and popping on the
 * hot path allocates nothing. Each entry keeps the chain key of the stack up to and including it.
 * Owned by its thread; only that thread reads or writes it.
 */
final class HeldLocks {
    static final long EMPTY_CHAIN = 0;

    final Thread thread = Thread.currentThread();
    int depth;
    /** Above zero while agent code runs on this thread, whose own lock operations are not recorded. */
    int busy;
    /** A lock whose next acquisition is nested at {@link #nestSubclass} (the api's {@code nested}). */
    Object nestLock;
    int nestSubclass;

    Binding[] bindings = new Binding[8];
    LockClass[] classes = new LockClass[8];
    int[] modes = new int[8];
    boolean[] trylocks = new boolean[8];
    int[] refs = new int[8];
    int[] sites = new int[8];
    long[] chainKeys = new long[8];

    long topChainKey() {
        return depth == 0 ? EMPTY_CHAIN : chainKeys[depth - 1];
    }

    /** The topmost entry for this instance, or -1. */
    int indexOf(Binding b) {
        for (int i = depth - 1; i >= 0; i--) {
            if (bindings[i] == b) {
                return i;
            }
        }
        return -1;
    }

    /** The topmost entry for this instance taken in this mode (in any mode for {@link LockMode#ANY}), or -1. */
    int indexOf(Binding b, int mode) {
        for (int i = depth - 1; i >= 0; i--) {
            if (bindings[i] == b && (mode == LockMode.ANY || modes[i] == mode)) {
                return i;
            }
        }
        return -1;
    }

    void push(Binding b, LockClass c, int mode, boolean trylock, int site, long chainKey) {
        if (depth == bindings.length) {
            grow();
        }
        int i = depth++;
        bindings[i] = b;
        classes[i] = c;
        modes[i] = mode;
        trylocks[i] = trylock;
        refs[i] = 1;
        sites[i] = site;
        chainKeys[i] = chainKey;
    }

    /** Removes entry i; the entries above it move down and their chain keys are recomputed. */
    void removeAt(int i) {
        int moved = depth - i - 1;
        System.arraycopy(bindings, i + 1, bindings, i, moved);
        System.arraycopy(classes, i + 1, classes, i, moved);
        System.arraycopy(modes, i + 1, modes, i, moved);
        System.arraycopy(trylocks, i + 1, trylocks, i, moved);
        System.arraycopy(refs, i + 1, refs, i, moved);
        System.arraycopy(sites, i + 1, sites, i, moved);
        depth--;
        bindings[depth] = null;
        classes[depth] = null;
        for (int j = i; j < depth; j++) {
            long below = j == 0 ? EMPTY_CHAIN : chainKeys[j - 1];
            chainKeys[j] = ChainCache.extend(below, classes[j].id(), modes[j]);
        }
    }

    String threadLabel() {
        return thread.getName() + "/" + thread.getId();
    }

    private void grow() {
        int n = bindings.length * 2;
        bindings = Arrays.copyOf(bindings, n);
        classes = Arrays.copyOf(classes, n);
        modes = Arrays.copyOf(modes, n);
        trylocks = Arrays.copyOf(trylocks, n);
        refs = Arrays.copyOf(refs, n);
        sites = Arrays.copyOf(sites, n);
        chainKeys = Arrays.copyOf(chainKeys, n);
    }
}
