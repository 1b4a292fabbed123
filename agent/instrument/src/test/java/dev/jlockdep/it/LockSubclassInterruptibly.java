package dev.jlockdep.it;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A subclass of ReentrantLock taken with lockInterruptibly() and a timed tryLock (as commons-pool's
 * deque takes its lock): recorded as taken, so each unlock() has its acquisition and the order is
 * validated.
 */
public class LockSubclassInterruptibly {
    static final class InterruptibleLock extends ReentrantLock {
    }

    private final InterruptibleLock first = new InterruptibleLock();
    private final InterruptibleLock second = new InterruptibleLock();

    public static void main(String[] args) throws Exception {
        LockSubclassInterruptibly s = new LockSubclassInterruptibly();
        Threads.runInThread("interruptibly", () -> {
            try {
                s.interruptibly(s.first, s.second);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        s.timed(s.second, s.first);
        System.out.println("finished");
    }

    void interruptibly(InterruptibleLock outer, InterruptibleLock inner) throws InterruptedException {
        outer.lockInterruptibly();
        try {
            inner.lockInterruptibly();
            inner.unlock();
        } finally {
            outer.unlock();
        }
    }

    void timed(InterruptibleLock outer, InterruptibleLock inner) throws InterruptedException {
        if (outer.tryLock(1, TimeUnit.SECONDS)) {
            try {
                inner.lockInterruptibly();
                inner.unlock();
            } finally {
                outer.unlock();
            }
        }
    }
}
