package dev.jlockdep.it;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/** What the programs that really deadlock share: a barrier where two threads meet, and the proof that they hung. */
final class Deadlocks {
    private Deadlocks() {
    }

    /** Both threads hold their first lock when they pass it: the deadlock is certain from here. */
    static void meet(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (InterruptedException | BrokenBarrierException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits until the JVM itself sees threads deadlocked on each other's locks, then says how many. */
    static void awaitDeadlock() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] deadlocked;
        while ((deadlocked = threads.findDeadlockedThreads()) == null) {
            Thread.sleep(5); // a state to wait for: the test ends the JVM, however long it takes
        }
        System.out.println("deadlocked: " + deadlocked.length + " threads");
    }
}
