package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A worker that tries the state lock before it ends, and main that joins it while holding that lock. A
 * trylock never waits: with main holding the lock, the worker's try fails and it ends. Silent, with a
 * {@code ReentrantLock} ("try") or a {@code StampedLock}'s read lock ("try-read"). With "lock", the worker
 * blocks on the state lock: a real cycle (main holding it would wait for ever), reported; the same with
 * "try-then-lock", where it takes the state lock under another lock it tried, and with "tried-between",
 * where it takes the state lock, then tries another, then takes eight more under an outer lock (which
 * are not outermost: the state lock must stay in its context). The worker ends before main takes the
 * lock, so nothing hangs.
 */
public class TryLockBeforeEnd {
    private static final ReentrantLock state = new ReentrantLock();
    private static final StampedLock table = new StampedLock();
    private static final ReentrantLock other = new ReentrantLock();
    private static final ReentrantLock outer = new ReentrantLock();
    private static final ReentrantLock x1 = new ReentrantLock();
    private static final ReentrantLock x2 = new ReentrantLock();
    private static final ReentrantLock x3 = new ReentrantLock();
    private static final ReentrantLock x4 = new ReentrantLock();
    private static final ReentrantLock x5 = new ReentrantLock();
    private static final ReentrantLock x6 = new ReentrantLock();
    private static final ReentrantLock x7 = new ReentrantLock();
    private static final ReentrantLock x8 = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        Thread worker = new Thread(() -> work(variant), "worker");
        worker.start();
        while (worker.isAlive()) {
            Thread.onSpinWait();
        }
        if (variant.equals("try-read")) {
            long stamp = table.writeLock();
            try {
                worker.join();
            } finally {
                table.unlockWrite(stamp);
            }
        } else {
            state.lock();
            try {
                worker.join();
            } finally {
                state.unlock();
            }
        }
        System.out.println("finished");
    }

    private static void work(String variant) {
        switch (variant) {
            case "lock" -> take(state);
            case "try" -> {
                if (state.tryLock()) {
                    state.unlock();
                }
            }
            case "try-read" -> {
                long stamp = table.tryReadLock();
                if (stamp != 0) {
                    table.unlockRead(stamp);
                }
            }
            case "try-then-lock" -> {
                if (other.tryLock()) {
                    try {
                        take(state);
                    } finally {
                        other.unlock();
                    }
                }
            }
            case "tried-between" -> {
                take(state);
                if (other.tryLock()) {
                    other.unlock();
                }
                outer.lock();
                try {
                    for (ReentrantLock x : new ReentrantLock[] {x1, x2, x3, x4, x5, x6, x7, x8}) {
                        take(x);
                    }
                } finally {
                    outer.unlock();
                }
            }
            default -> throw new IllegalArgumentException(variant);
        }
    }

    private static void take(ReentrantLock lock) {
        lock.lock();
        lock.unlock();
    }
}
