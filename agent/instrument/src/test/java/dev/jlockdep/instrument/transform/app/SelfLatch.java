package dev.jlockdep.instrument.transform.app;

/** Rewritten by {@link LockMethodVisitorTest}: a wrapper's subclass that calls the primitives it inherits on itself, as H2's SessionLocal does. */
public final class SelfLatch extends Sample.Latch {
    private int count;

    public int counted() {
        lock();
        try {
            return ++count;
        } finally {
            unlock();
        }
    }
}
