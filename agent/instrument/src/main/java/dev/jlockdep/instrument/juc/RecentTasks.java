package dev.jlockdep.instrument.juc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * A number kept for each recently seen task, in a fixed table of longs indexed by the task's identity
 * hash. It holds no reference to a task (a task and its result are never kept alive), and recording a
 * task takes no lock, allocates nothing and stores no reference (no weak reference for the collector to
 * process, no write barrier). Lossy by design: a task whose slot a later one took is forgotten, and a
 * wait for it goes unchecked; it is never misreported, as each slot keeps its task's whole hash.
 */
final class RecentTasks {
    private static final int BITS = 14;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);

    /** Each slot: the task's identity hash (never 0) and its number. */
    private final long[] slots = new long[1 << BITS];

    /** Records a task's number (not 0). */
    void put(Object task, int number) {
        int h = System.identityHashCode(task);
        SLOT.setOpaque(slots, index(h, BITS), (long) h << 32 | (number & 0xFFFFFFFFL));
    }

    /** The task's number, or 0 if the table does not know it. */
    int get(Object task) {
        int h = System.identityHashCode(task);
        long slot = (long) SLOT.getOpaque(slots, index(h, BITS));
        return (int) (slot >>> 32) == h ? (int) slot : 0;
    }

    /** The top {@code bits} bits of the hash times the golden ratio: any hash spread over the table. */
    static int index(int hash, int bits) {
        return (hash * 0x9E3779B9) >>> (32 - bits);
    }

    /**
     * Objects numbered 1 to 65535, so that two fit a task's number; once all are given, a new object
     * gets 0 (its tasks are not recorded). Bounded: the tracker numbers each task class and each pool once.
     */
    static final class Numbered<T> {
        static final int MAX = 0xFFFF;
        private volatile Object[] byNumber = new Object[64];
        private int next = 1;

        /** {@code make} given the new object's number (0 if there are none left), the object kept under it. */
        synchronized T add(IntFunction<T> make) {
            if (next > MAX) {
                return make.apply(0);
            }
            Object[] a = byNumber;
            if (next == a.length) {
                a = Arrays.copyOf(a, Math.min(a.length * 2, MAX + 1));
            }
            T t = make.apply(next);
            a[next++] = t;
            byNumber = a; // published after the element is written
            return t;
        }

        /** The object numbered {@code n}, or null (0, or not yet seen by this thread). */
        @SuppressWarnings("unchecked")
        T get(int n) {
            Object[] a = byNumber;
            return n > 0 && n < a.length ? (T) a[n] : null;
        }
    }
}
