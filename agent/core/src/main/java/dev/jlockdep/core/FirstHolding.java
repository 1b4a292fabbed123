package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.LockRef;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first holding of a {@code java.util.concurrent} lock by the first thread that took it, whose
 * dependencies are held back until it is settled: when that holding ends (a release, or a wait that
 * gives the lock up) or when another thread takes the lock, whichever comes first.
 * <p>
 * Why: such a lock can be left held on an object its thread then drops. Derby's cache locks a fresh
 * entry and, when another thread put one first, drops it still locked ("no one else could have seen
 * it"); every lock its thread took afterwards would be ordered after it, in cycles that cannot deadlock,
 * as no thread can ever wait for that lock. A deadlock through a lock needs a second thread to wait for
 * it while it is held, and that thread's attempt settles the holding before its own dependencies are
 * checked: so in a run that really deadlocks the report still comes before the hang, and a holding that
 * ends puts its dependencies into the graph as if they had never waited. Only a holding that never ends
 * and that no other thread ever joins (its object collected while held, or still held at exit) keeps
 * its dependencies out of the graph. Monitors are left out: a monitor's holding ends with its block.
 */
final class FirstHolding {
    /** What a first holding holds back: what its acquisitions would have added to the graph or reported. */
    sealed interface Pending permits Order, Recursion {
    }

    /** What a report made at the acquisition would have shown: its two locks, its stack, the thread's held locks. */
    record Shown(String thread, LockRef heldRef, LockRef nextRef, List<Frame> stack, List<LockRef> heldLocks) {
    }

    /**
     * A dependency: from this holding's lock to one taken under it, as check_prev_add had it ({@code madeHere}:
     * every time onto a lock made in this holding); {@code shown} is null for one in the graph already,
     * which can close no cycle when it is settled.
     */
    record Order(GraphLock.Taken held, GraphLock.Taken next, Dependency.Gates gates, boolean madeHere, Shown shown)
            implements Pending {
    }

    /** A lock of this holding's class taken under it, as check_deadlock had it. */
    record Recursion(LockClass lockClass, Integer comparison, Shown shown) implements Pending {
    }

    /** The lock's binding, which refers back to this holding until it is settled (ended, or joined). */
    final Binding binding;
    /** By the taken class and the dependency's kind; under the graph lock. Made at the first: most holdings hold nothing back. */
    private Map<Long, Pending> pending;
    /**
     * Chain keys already held back, read and written by the holding thread only: a repeat on the same
     * chain has the same gates, so it has nothing to add and need not take the graph lock.
     */
    private long[] chains;
    /** Beyond this many chains a holding's repeats take the graph lock: a search must stay short. */
    private static final int MAX_CHAINS = 64;
    private int chainCount;

    private FirstHolding(Binding binding) {
        this.binding = binding;
    }

    /** Thread {@code t} takes {@code b}'s lock: its first holding if no thread took it before, else null (now shared). */
    static FirstHolding begin(HeldLocks t, Binding b) {
        if (!b.taken(t.threadId)) {
            return null;
        }
        FirstHolding h = new FirstHolding(b);
        b.firstHolding = h; // before anything is held back: see holdsBack
        return h;
    }

    /** The holding ended having held nothing back: let go without the graph lock (its holder alone adds to it). */
    void endQuietly() {
        binding.firstHolding = null;
    }

    /**
     * Whether the holding thread holds back what it adds now: not once another thread took the lock, even
     * before that thread settled the holding (it will: it read this holding after it made the lock
     * shared, and the holder wrote it before it held anything back). Under the graph lock.
     */
    boolean holdsBack(long threadId) {
        return binding.firstHolding == this && binding.owner == threadId;
    }

    /** Whether the holding held anything back, as its holder sees it (a settle by another thread may have taken it). */
    boolean heldBackAny() {
        return pending != null;
    }

    /** Whether the dependency of an acquisition on chain {@code key} was held back already (holding thread only). */
    boolean heldBackOn(long key) {
        for (int i = 0; i < chainCount; i++) {
            if (chains[i] == key) {
                return true;
            }
        }
        return false;
    }

    /**
     * Holds {@code p} back; a dependency already held back only narrows its gates. Returns whether {@code p}
     * is new. Under the graph lock.
     */
    boolean holdBack(Pending p, long key) {
        long kindKey = p instanceof Order o
                ? (long) o.next().lockClass().id() << 8 | Dependency.kindOf(o.held().mode(), o.next().mode())
                : (long) ((Recursion) p).lockClass().id() << 8;
        if (pending == null) {
            pending = new LinkedHashMap<>();
            chains = new long[4];
        }
        Pending before = pending.get(kindKey);
        if (before == null) {
            pending.put(kindKey, p);
        } else if (before instanceof Order o) {
            Order now = (Order) p;
            Dependency.Gates both = o.gates().narrowedBy(now.gates());
            if (both != o.gates() || o.madeHere() && !now.madeHere()) {
                pending.put(kindKey, new Order(o.held(), o.next(), both, o.madeHere() && now.madeHere(), o.shown()));
            }
        }
        if (chainCount < MAX_CHAINS) {
            if (chainCount == chains.length) {
                chains = Arrays.copyOf(chains, chainCount * 2);
            }
            chains[chainCount++] = key;
        }
        return before == null;
    }

    /** What the holding held back, handed over once as it is settled. Under the graph lock. */
    Collection<Pending> settle() {
        List<Pending> all = pending == null ? List.of() : List.copyOf(pending.values());
        pending = null;
        return all;
    }

}
