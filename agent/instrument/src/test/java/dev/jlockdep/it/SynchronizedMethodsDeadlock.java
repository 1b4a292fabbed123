package dev.jlockdep.it;

import java.util.concurrent.CyclicBarrier;

/**
 * Two objects' synchronized methods that really deadlock: each thread, inside one object's synchronized
 * method, meets the other at a barrier, then calls the other object's. Under the agent the circular
 * report comes before the threads hang, because a synchronized method's monitor is validated before the
 * thread can block on it.
 */
public class SynchronizedMethodsDeadlock {
    static final CyclicBarrier MEET = new CyclicBarrier(2);

    static class Account {
        synchronized void pay(Ledger ledger) {
            Deadlocks.meet(MEET);
            ledger.record();
        }

        synchronized void credit() {
        }
    }

    static class Ledger {
        synchronized void reconcile(Account account) {
            Deadlocks.meet(MEET);
            account.credit();
        }

        synchronized void record() {
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Account account = new Account();
        Ledger ledger = new Ledger();
        new Thread(() -> account.pay(ledger), "payer").start();
        new Thread(() -> ledger.reconcile(account), "reconciler").start();
        Deadlocks.awaitDeadlock();
    }
}
