package dev.jlockdep.it;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two locks that really deadlock, each taken for the first time by its thread: a first holding's
 * dependencies wait until the holding ends or another thread takes the lock (see the agent's
 * {@code FirstHolding}), and here neither holding ever ends. Each thread's attempt at the other's lock is
 * what puts the other's dependency into the graph, before its own is checked, so the circular report
 * still comes before the threads hang. The payer also holds a fresh lock of its own between the two,
 * which nobody else ever takes: what it holds back must not take the accounts' order with it.
 */
public class FirstHoldingsDeadlock {
    static final CyclicBarrier MEET = new CyclicBarrier(2);
    static final ReentrantLock ACCOUNTS = new ReentrantLock();
    static final ReentrantLock LEDGER = new ReentrantLock();

    public static void main(String[] args) throws InterruptedException {
        new Thread(() -> {
            ACCOUNTS.lock();
            new ReentrantLock().lock(); // never released, never seen by another thread
            Deadlocks.meet(MEET);
            LEDGER.lock();
        }, "payer").start();
        new Thread(() -> {
            LEDGER.lock();
            Deadlocks.meet(MEET);
            ACCOUNTS.lock();
        }, "auditor").start();
        Deadlocks.awaitDeadlock();
    }
}
