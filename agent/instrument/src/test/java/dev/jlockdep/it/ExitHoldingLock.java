package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/** A thread that ends while still holding a lock. */
public class ExitHoldingLock {
    private static final ReentrantLock session = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        Threads.runInThread("leaker", ExitHoldingLock::forgetToUnlock);
        System.out.println("finished");
    }

    static void forgetToUnlock() {
        session.lock();
    }
}
