package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A worker that tries the state lock before it ends, and main that joins it while holding that lock. A
 * trylock never waits: with main holding the lock, the worker's try fails and it ends. Silent, with a
 * {@code ReentrantLock} ("try") or a {@code StampedLock}'s read lock ("try-read"). With "lock", the worker
 * blocks on the state lock: a real cycle (main holding it would wait for ever), reported; the same with
 * "try-then-lock", where it takes the state lock under another lock it tried. The worker ends before main
 * takes the lock, so nothing hangs.
 */
public class TryLockBeforeEnd {
    private static final ReentrantLock state = new ReentrantLock();
    private static final StampedLock table = new StampedLock();
    private static final ReentrantLock other = new ReentrantLock();

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
        if (variant.equals("try-then-lock")) {
            if (other.tryLock()) {
                try {
                    state.lock();
                    state.unlock();
                } finally {
                    other.unlock();
                }
            }
        } else if (variant.equals("try-read")) {
            long stamp = table.tryReadLock();
            if (stamp != 0) {
                table.unlockRead(stamp);
            }
        } else if (variant.equals("lock") || state.tryLock()) {
            if (variant.equals("lock")) {
                state.lock();
            }
            state.unlock();
        }
    }
}
