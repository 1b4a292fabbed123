package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.Arrays;
import java.util.List;

/**
 * An edge of the graph: {@code to} was taken while {@code from} was held, or, from an event to a lock,
 * the event was signalled by a context that took the lock first. Keeps the kinds of the
 * dependency seen (lockdep's -(SR)-, -(ER)-, -(SN)-, -(EN)-: {@link DependencyKind}), the stack and thread of the first time,
 * and a few instance pairs that tell whether a cycle closes on real instances.
 */
public final class Dependency {
    static final int MAX_INSTANCE_PAIRS = 8;

    private final LockClass from;
    private final LockClass to;
    private final List<Frame> firstStack;
    private final String firstThread;
    /** For an event's dependency, where the event was signalled the first time; else empty. */
    private final List<Frame> signalStack;
    private int kinds;
    /** Null until the first pair: a merged graph's dependencies never have any. */
    private long[] instancePairs;
    private int pairCount;

    Dependency(LockClass from, LockClass to, int kinds, List<Frame> firstStack, String firstThread,
               List<Frame> signalStack) {
        this.from = from;
        this.to = to;
        this.kinds = kinds;
        this.firstStack = firstStack;
        this.firstThread = firstThread;
        this.signalStack = signalStack;
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
