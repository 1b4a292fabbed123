package dev.jlockdep.it;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/** The reverse order is only ever taken with tryLock, which cannot deadlock: nothing to report. */
public class TryLockOnly {
    private final ReentrantLock first = new ReentrantLock();
    private final ReentrantLock second = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        TryLockOnly t = new TryLockOnly();
        Threads.runInThread("blocking", t::inOrder);
        t.second.lock();
        try {
            if (t.first.tryLock()) {
                t.first.unlock();
            }
            if (t.first.tryLock(10, TimeUnit.MILLISECONDS)) {
                t.first.unlock();
            }
        } finally {
            t.second.unlock();
        }
        System.out.println("finished");
    }

    void inOrder() {
        first.lock();
        try {
            second.lock();
            second.unlock();
        } finally {
            first.unlock();
        }
    }
}
