package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs the heap out, then takes locks whose validation needs memory (new instances, then a cycle): the
 * validator meets an {@code OutOfMemoryError} of its own. The program's lock operations must not see
 * it, and the program runs on once it lets the memory go. Same output with and without the agent.
 */
public final class HeapExhaustion {
    private static Object[] hoard;

    private static final class Alpha {
    }

    private static final class Beta {
    }

    private static final class Gamma {
    }

    private static final class Delta {
    }

    public static void main(String[] args) {
        Object a = new Alpha();
        Object b = new Beta();
        ReentrantLock c = new ReentrantLock();
        ReentrantLock d = new ReentrantLock();
        // The same sites once before, with other lock classes: afterwards only validation allocates.
        nest(new Gamma(), new Delta());
        ReentrantLock e = new ReentrantLock();
        ReentrantLock f = new ReentrantLock();
        nest(e, f);
        exhaust();
        Throwable atLockSite = null;
        try {
            nest(a, b);
            nest(b, a);
            nest(c, d);
            nest(d, c);
        } catch (Throwable t) {
            atLockSite = t;
        }
        hoard = null;
        System.out.println(atLockSite == null ? "no error at a lock site" : "a lock site threw " + atLockSite);
        nest(a, b);
        nest(b, a);
        System.out.println("finished");
    }

    /** Fills the heap down to its last few bytes: whatever allocates next fails. */
    private static void exhaust() {
        for (int size = 1 << 20; size > 0; ) {
            try {
                Object[] chunk = new Object[size];
                chunk[0] = hoard;
                hoard = chunk;
            } catch (OutOfMemoryError e) {
                size /= 2;
            }
        }
    }

    private static void nest(Object outer, Object inner) {
        synchronized (outer) {
            synchronized (inner) {
                hoard = hoard == null ? null : hoard; // something to do while both are held
            }
        }
    }

    private static void nest(ReentrantLock outer, ReentrantLock inner) {
        outer.lock();
        try {
            inner.lock();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }
}
