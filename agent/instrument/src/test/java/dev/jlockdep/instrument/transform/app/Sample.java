package dev.jlockdep.instrument.transform.app;

import java.util.concurrent.locks.ReentrantLock;

/** Rewritten in memory by {@link LockMethodVisitorTest}: a little of everything the rewrite handles. */
public class Sample implements Runnable {
    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final Guard guard = new Guard();
    private final SubLatch latch = new SubLatch();
    private int count;

    /** A lock wrapper, as Jetty's AutoLock: lock() returns holding its lock, close() releases it. */
    public static final class Guard implements AutoCloseable {
        private final ReentrantLock wrapped = new ReentrantLock();

        public Guard lock() {
            wrapped.lock();
            return this;
        }

        @Override
        public void close() {
            wrapped.unlock();
        }
    }

    @Override
    public synchronized void run() {
        synchronized (monitor) {
            lock.lock();
            try {
                if (lock.tryLock()) {
                    lock.unlock();
                }
                count++;
            } finally {
                lock.unlock();
            }
        }
    }

    /** A synchronized method that takes its own monitor again in a block (redundant, as real code has it). */
    public synchronized int again() {
        synchronized (this) {
            return count;
        }
    }

    /** A synchronized method left by an exception: its monitor is released on that path too. */
    public synchronized void fail() {
        throw new IllegalStateException("count " + count);
    }

    /**
     * A static synchronized method with a loop (stack map frames) and a wide local: reshaped, its class
     * is kept in a new local after them. It answers whether its monitor is held while it runs.
     */
    public static synchronized long sum(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) {
            s += i;
        }
        return Thread.holdsLock(Sample.class) ? s : -1;
    }

    /** A wrapper as H2's Session: void lock() and unlock(), called through a subclass. */
    public static class Latch {
        private final ReentrantLock held = new ReentrantLock();

        public final void lock() {
            held.lock();
        }

        public final void unlock() {
            held.unlock();
        }
    }

    public static final class SubLatch extends Latch {
    }

    /** Through the subclass: the calls say where they are made, and are still rewritten as maybe-locks. */
    public void latched() {
        latch.lock();
        try {
            count++;
        } finally {
            latch.unlock();
        }
    }

    /** Through the wrapper: each call of its primitives says where it is made. */
    public void guarded() {
        try (Guard g = guard.lock()) {
            count++;
        }
    }

    public void pause() throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(1);
        }
    }

    /** A wrapper made by this object's code and kept in no field: its maker is this object. */
    public Object makeGuard() {
        Guard made = new Guard();
        return made;
    }

    /** The same in a static method: no maker. */
    public static Object makeGuardStatically() {
        Guard made = new Guard();
        return made;
    }
}
