package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes, takes and drops locks by the million (monitors, ReentrantLocks, and a pair of each nested),
 * measuring the heap after full collections at each tenth of the way: under the agent, which holds
 * instances weakly and buries their entries once collected, the heap stays flat. Prints "heap flat"
 * (or "heap grew") with the first figure and the largest after it.
 */
public class LockChurn {
    private static final int ROUNDS = Integer.getInteger("churn.rounds", 1_000_000);
    /** More than one table doubling, less than the growth of an entry kept per lock made. */
    private static final long FLAT = 16L << 20;
    private static long sink;

    public static void main(String[] args) {
        long first = -1;
        long largest = 0;
        for (int i = 1; i <= ROUNDS; i++) {
            Object monitor = new Object();
            ReentrantLock lock = new ReentrantLock();
            synchronized (monitor) {
                lock.lock();
                try {
                    sink++;
                } finally {
                    lock.unlock();
                }
            }
            synchronized (new Object()) {
                sink++;
            }
            if (i % (ROUNDS / 10) == 0) {
                long used = usedAfterGc();
                if (first < 0) {
                    first = used;
                } else {
                    largest = Math.max(largest, used);
                }
            }
        }
        System.out.println((largest - first < FLAT ? "heap flat" : "heap grew") + ": " + first / (1 << 20)
                + " MB after " + ROUNDS / 10 + " rounds, at most " + largest / (1 << 20) + " MB after that, to "
                + ROUNDS);
    }

    /**
     * The heap in use after full collections, with a lock taken between them as a running program
     * would: what a weak reference kept is freed by the collection after the one that cleared it.
     */
    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100); // the agent buries what the collection freed meanwhile
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (new Object()) {
                sink++;
            }
        }
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }
}
