package dev.jlockdep.it;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A StampedLock has no owner: a stamp taken in one thread may be released in another. Each holding of
 * {@code table} here is ended by a helper thread (the write lock, a read lock, the write view). The taker
 * then goes on, taking {@code index} and {@code table} again, and at last {@code index} then {@code table}:
 * were the handed-off holdings still thought held, that would be a recursive {@code table} and a
 * {@code table}/{@code index} cycle. Nothing here can deadlock.
 */
public class StampedHandOff {
    private final StampedLock table = new StampedLock();
    private final ReentrantLock index = new ReentrantLock();

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

    private void touchIndex() {
        index.lock();
        index.unlock();
    }
}
