package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/** AB-BA with ReentrantLock fields, reentrancy on the way (never a report by itself). */
public class ReentrantAbBa {
    private final ReentrantLock accounts = new ReentrantLock();
    private final ReentrantLock ledger = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        ReentrantAbBa bank = new ReentrantAbBa();
        Threads.runInThread("transfer", bank::transfer);
        bank.audit();
        System.out.println("finished");
    }

    void transfer() {
        accounts.lock();
        try {
            accounts.lock(); // reentrant: counted, not a new acquisition
            try {
                ledger.lock();
                ledger.unlock();
            } finally {
                accounts.unlock();
            }
        } finally {
            accounts.unlock();
        }
    }

    void audit() {
        ledger.lock();
        try {
            accounts.lock();
            accounts.unlock();
        } finally {
            ledger.unlock();
        }
    }
}
