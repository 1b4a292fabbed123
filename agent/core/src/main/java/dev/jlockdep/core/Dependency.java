package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.Arrays;
import java.util.List;

/**
 * An edge of the graph: {@code to} was taken while {@code from} was held, or, from an event to a lock,
 * the event was signalled by a context that took the lock first. Keeps the kinds of the
 * dependency seen (lockdep's -(SR)-, -(ER)-, -(SN)-, -(EN)-: {@link DependencyKind}), the stack and thread of the first time
 * (past a start-up: see {@link #ontoMadeOnly}), and a few instance pairs that tell whether a cycle closes on real instances.
 */
public final class Dependency {
    static final int MAX_INSTANCE_PAIRS = 8;

    private final LockClass from;
    private final LockClass to;
    /** Where and by which thread it was first made (after the start-up, see {@link #ontoMadeOnly}). */
    private List<Frame> firstStack;
    private String firstThread;
    /** For an event's dependency, where the event was signalled the first time; else empty. */
    private final List<Frame> signalStack;
    /**
     * The classes of the other locks held every time the dependency was validated (once per distinct
     * held-lock chain through it), for the triage of gated cycles: each a class id, with whether it was
     * always held exclusively. Empty for an event's dependency, whose signal holds nothing it needs.
     */
    private Gates gates;
    /**
     * Whether every time it was validated the lock taken had been made by its taker in that holding of
     * the lock held (see {@link Birth}): a start-up's order, which cannot wait, as no other thread could
     * hold that lock yet. A chain validated so is cached apart, so that a later acquisition that was not
     * made there is validated too and clears it.
     */
    private boolean ontoMadeOnly;
    private int kinds;
    /** Null until the first pair: a merged graph's dependencies never have any. */
    private long[] instancePairs;
    private int pairCount;

    Dependency(LockClass from, LockClass to, int kinds, List<Frame> firstStack, String firstThread,
               List<Frame> signalStack, Gates gates, boolean ontoMadeOnly) {
        this.ontoMadeOnly = ontoMadeOnly;
        this.from = from;
        this.to = to;
        this.kinds = kinds;
        this.firstStack = firstStack;
        this.firstThread = firstThread;
        this.signalStack = signalStack;
        this.gates = gates;
    }

    /** Other locks held while a dependency was made: their classes, and whether each was held exclusively. */
    record Gates(int[] classes, boolean[] exclusive) {
        static final Gates NONE = new Gates(new int[0], new boolean[0]);

        /** Whether every one of these is held {@code now} too, and each exclusive one exclusively. */
        boolean heldIn(Gates now) {
            for (int i = 0; i < classes.length; i++) {
                int j = now.indexOf(classes[i]);
                if (j < 0 || exclusive[i] && !now.exclusive[j]) {
                    return false;
                }
            }
            return true;
        }

        /** Only the gates held {@code now} too; one held shared now is no longer always exclusive; this if none changed. */
        Gates narrowedBy(Gates now) {
            if (heldIn(now)) {
                return this;
            }
            int[] keptClasses = new int[classes.length];
            boolean[] keptExclusive = new boolean[classes.length];
            int kept = 0;
            for (int i = 0; i < classes.length; i++) {
                int j = now.indexOf(classes[i]);
                if (j >= 0) {
                    keptClasses[kept] = classes[i];
                    keptExclusive[kept++] = exclusive[i] && now.exclusive[j];
                }
            }
            return new Gates(Arrays.copyOf(keptClasses, kept), Arrays.copyOf(keptExclusive, kept));
        }

        private int indexOf(int gateClass) {
            for (int j = 0; j < classes.length; j++) {
                if (classes[j] == gateClass) {
                    return j;
                }
            }
            return -1;
        }
    }

    /** Whether {@code now} holds every gate of this dependency, as exclusively: narrowing by it changes nothing. */
    boolean gatesHeld(Gates now) {
        return gates.heldIn(now);
    }

    /** Keeps only the gates held this time too, and made-here only if this one was too. */
    void narrow(Gates now, boolean madeHere) {
        gates = gates.narrowedBy(now);
        ontoMadeOnly &= madeHere;
    }

    /** The first time it was made onto a lock not made there: the stack it shows from now on. */
    void shownAt(String thread, List<Frame> stack) {
        firstThread = thread;
        firstStack = stack;
    }

    /** Whether every lock taken through it was made in that holding of the lock held (see {@link #ontoMadeOnly}). */
    boolean ontoMadeOnly() {
        return ontoMadeOnly;
    }

    /** The gates held every time: class ids, and with {@link #gateAlwaysExclusive} whether always exclusively. */
    int[] gateClasses() {
        return gates.classes();
    }

    boolean[] gateAlwaysExclusive() {
        return gates.exclusive();
    }

    /** The kind bit of taking a lock in {@code nextMode} while holding one in {@code prevMode}. */
    static int kindOf(int prevMode, int nextMode) {
        // The bits of DependencyKind: SR, ER, SN, EN.
        int bit = (prevMode == LockMode.EXCLUSIVE ? 1 : 0) + (nextMode != LockMode.RECURSIVE_READ ? 2 : 0);
        return 1 << bit;
    }

    public LockClass from() {
        return from;
    }

    public LockClass to() {
        return to;
    }

    public int kinds() {
        return kinds;
    }

    public List<Frame> firstStack() {
        return firstStack;
    }

    public String firstThread() {
        return firstThread;
    }

    public List<Frame> signalStack() {
        return signalStack;
    }

    /** The recorded (from instance, to instance) serial pairs, flattened. */
    public long[] instancePairs() {
        return pairCount == 0 ? new long[0] : Arrays.copyOf(instancePairs, pairCount * 2);
    }

    void addKind(int kind) {
        kinds |= kind;
    }

    /** Records an instance pair (up to {@link #MAX_INSTANCE_PAIRS}). */
    void addInstances(long fromSerial, long toSerial) {
        for (int i = 0; i < pairCount; i++) {
            if (instancePairs[2 * i] == fromSerial && instancePairs[2 * i + 1] == toSerial) {
                return;
            }
        }
        if (pairCount == MAX_INSTANCE_PAIRS) {
            return;
        }
        if (instancePairs == null) {
            instancePairs = new long[2];
        } else if (2 * pairCount == instancePairs.length) {
            instancePairs = Arrays.copyOf(instancePairs, instancePairs.length * 2);
        }
        instancePairs[2 * pairCount] = fromSerial;
        instancePairs[2 * pairCount + 1] = toSerial;
        pairCount++;
    }

    boolean hasInstances(long fromSerial, long toSerial) {
        for (int i = 0; i < pairCount; i++) {
            if (instancePairs[2 * i] == fromSerial && instancePairs[2 * i + 1] == toSerial) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
