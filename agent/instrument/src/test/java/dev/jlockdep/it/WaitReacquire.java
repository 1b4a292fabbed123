package dev.jlockdep.it;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A wait gives its lock up and takes it back while the thread still holds what it took after it:
 * waiting on 'state' while holding 'io' re-takes state inside io, the reverse of the other thread.
 * The same with a Condition. A plain wait under one lock stays silent and balanced.
 */
public class WaitReacquire {
    private final Object state = new Object();
    private final Object io = new Object();
    private final ReentrantLock queue = new ReentrantLock();
    private final Condition notEmpty = queue.newCondition();
    private final ReentrantLock disk = new ReentrantLock();

    public static void main(String[] args) throws Exception {
        WaitReacquire w = new WaitReacquire();
        w.plainWait();
        Threads.runInThread("writer", w::stateThenIo);
        w.waitInsideIo();
        Threads.runInThread("producer", w::queueThenDisk);
        w.awaitInsideDisk();
        System.out.println("finished");
    }

    void plainWait() throws InterruptedException {
        synchronized (state) {
            state.wait(1);
        }
    }

    void stateThenIo() {
        synchronized (state) {
            synchronized (io) {
                System.out.println("state then io");
            }
        }
    }

    void waitInsideIo() throws InterruptedException {
        synchronized (state) {
            synchronized (io) {
                state.wait(1);
            }
        }
    }

    void queueThenDisk() {
        queue.lock();
        try {
            disk.lock();
            disk.unlock();
        } finally {
            queue.unlock();
        }
    }

    void awaitInsideDisk() throws InterruptedException {
        queue.lock();
        try {
            disk.lock();
            try {
                notEmpty.await(1, TimeUnit.MILLISECONDS);
            } finally {
                disk.unlock();
            }
        } finally {
            queue.unlock();
        }
    }
}
