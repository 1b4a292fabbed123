package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The instances of one lock class nested in one another: which pairs (outer, inner) were seen, in which
 * order, and whether each inner one was made while its outer one was held. Lockdep reports the first
 * nesting of a class in itself ("possible recursive locking") and leaves the rest to annotation; Java
 * code annotates nothing, so the pairs tell the two kinds apart: instances taken both ways (x then y,
 * y then x, or round a longer loop) can deadlock, while many pairs that all agree with one order, or
 * children made under their parents, are a hierarchy. Bounded: after {@link #CAPACITY} distinct pairs
 * no more are recorded, and the verdict stands on those. Guarded by its own monitor.
 */
final class SameClassNesting {
    static final int CAPACITY = 64;

    /** One pair as first seen: the inner instance taken while the outer one was held. */
    record Pair(long outer, long inner, boolean createdUnder, List<Frame> stack) {
    }

    private final List<Pair> pairs = new ArrayList<>();
    private volatile boolean full;
    private boolean closedACycle;

    /** Whether new pairs are still recorded (the acquire fast path asks, to step aside for them). */
    boolean open() {
        return !full;
    }

    /**
     * Records a nesting; returns the pairs of an instance cycle it closes (from the inner instance back
     * round to the outer one, then this pair), or null if it closes none. A pair seen before records
     * nothing and closes nothing new.
     */
    synchronized List<Pair> record(long outer, long inner, boolean createdUnder, Supplier<List<Frame>> stack) {
        for (Pair p : pairs) {
            if (p.outer == outer && p.inner == inner) {
                return null;
            }
        }
        if (full) {
            return null;
        }
        List<Pair> back = path(inner, outer, new ArrayList<>());
        Pair pair = new Pair(outer, inner, createdUnder, stack.get());
        pairs.add(pair);
        full = pairs.size() >= CAPACITY;
        if (back == null) {
            return null;
        }
        closedACycle = true;
        back.add(pair);
        return back;
    }

    /** A path of recorded pairs from instance {@code from} to {@code to}, or null (depth-first; few pairs). */
    private List<Pair> path(long from, long to, List<Long> visited) {
        if (visited.contains(from)) {
            return null;
        }
        visited.add(from);
        for (Pair p : pairs) {
            if (p.outer == from) {
                if (p.inner == to) {
                    List<Pair> found = new ArrayList<>();
                    found.add(p);
                    return found;
                }
                List<Pair> rest = path(p.inner, to, visited);
                if (rest != null) {
                    rest.add(0, p);
                    return rest;
                }
            }
        }
        return null;
    }

    /** Whether some nesting closed a cycle of instances (taken both ways). */
    synchronized boolean closedACycle() {
        return closedACycle;
    }

    /** The pairs recorded so far. */
    synchronized List<Pair> pairs() {
        return List.copyOf(pairs);
    }
}
