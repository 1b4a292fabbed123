package dev.jlockdep.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A StampedLock has no owner: a stamp taken in one thread may be released in another. Each holding of
 * {@code table} here is ended by a helper thread (the write lock, a read lock, the write lock while a
 * reader waits for it and then reads on, the write view). The taker
 * then goes on, taking {@code index} and {@code table} again, and at last {@code index} then {@code table}:
 * were the handed-off holdings still thought held, that would be a recursive {@code table} and a
 * {@code table}/{@code index} cycle. Nothing here can deadlock.
 */
public class StampedHandOff {
    private final StampedLock table = new StampedLock();
    private final ReentrantLock index = new ReentrantLock();
    private final Object journal = new Object();

    public static void main(String[] args) throws Exception {
        StampedHandOff o = new StampedHandOff();
        long w = o.table.writeLock();
        Threads.runInThread("releaser-1", () -> o.table.unlockWrite(w));
        o.touchIndex();
        long again = o.table.writeLock();
        o.table.unlockWrite(again);

        long r = o.table.readLock();
        Threads.runInThread("releaser-2", () -> o.table.unlockRead(r));
        o.touchIndex();

        // Handed off while a reader waits, which then reads on: the lock is held, but not in main's mode.
        long w2 = o.table.writeLock();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            long s = o.table.readLock();
            reading.countDown();
            awaitQuietly(done);
            o.table.unlockRead(s);
        }, "reader");
        reader.start();
        Threads.runInThread("releaser-4", () -> o.table.unlockWrite(w2));
        awaitQuietly(reading);
        synchronized (o.journal) { // a slow path of main's while the reader reads: nothing of main's orders it
            done.countDown();
        }
        Threads.awaitEnd(reader);

        Lock view = o.table.asWriteLock();
        view.lock();
        Threads.runInThread("releaser-3", view::unlock);

        o.index.lock();
        try {
            long s = o.table.writeLock();
            o.table.unlockWrite(s);
        } finally {
            o.index.unlock();
        }
        System.out.println("table locked: " + o.table.isWriteLocked() + ", read locked: " + o.table.isReadLocked());
        System.out.println("finished");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void touchIndex() {
        index.lock();
        index.unlock();
    }
}
