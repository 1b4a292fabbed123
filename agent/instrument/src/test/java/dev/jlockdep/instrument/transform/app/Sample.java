package dev.jlockdep.instrument.transform.app;

import java.util.concurrent.locks.ReentrantLock;

/** Rewritten in memory by {@link LockMethodVisitorTest}: a little of everything the rewrite handles. */
public class Sample implements Runnable {
    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private int count;

    @Override
    public synchronized void run() {
        synchronized (monitor) {
            lock.lock();
            try {
                if (lock.tryLock()) {
                    lock.unlock();
                }
                count++;
            } finally {
                lock.unlock();
            }
        }
    }

    /** A synchronized method left by an exception: its monitor is released on that path too. */
    public synchronized void fail() {
        throw new IllegalStateException("count " + count);
    }

    public void pause() throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(1);
        }
    }
}
