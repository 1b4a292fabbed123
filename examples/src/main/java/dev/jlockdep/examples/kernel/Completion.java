package dev.jlockdep.examples.kernel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code struct completion}: {@code complete()} lets one waiter (or, with {@code complete_all()}, every
 * waiter) go on. Like the kernel's, it tells lockdep nothing: a wait on a completion is invisible to
 * it, so a model that must show what a wait depends on says so with a flush or a map.
 */
public final class Completion {
    private final AtomicInteger done = new AtomicInteger();
    private final ConcurrentLinkedQueue<Thread> waiters = new ConcurrentLinkedQueue<>();

    /** {@code reinit_completion}. */
    public void reinit_completion() {
        done.set(0);
    }

    public void complete() {
        done.incrementAndGet();
        wakeAll();
    }

    public void complete_all() {
        done.set(Integer.MAX_VALUE / 2);
        wakeAll();
    }

    public void wait_for_completion() {
        waiters.add(Thread.currentThread());
        try {
            while (true) {
                int n = done.get();
                if (n > 0 && done.compareAndSet(n, n - 1)) {
                    return;
                }
                LockSupport.park(this);
            }
        } finally {
            waiters.remove(Thread.currentThread());
        }
    }

    private void wakeAll() {
        for (Thread t : waiters) {
            LockSupport.unpark(t);
        }
    }
}
