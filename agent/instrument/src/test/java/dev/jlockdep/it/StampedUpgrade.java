package dev.jlockdep.it;

import java.util.concurrent.locks.StampedLock;

/**
 * The real twin of {@link StampedHandOff}: after a stamp released by another thread (a hand-off), a read
 * lock upgraded to the write lock (the JDK's own example) is still held, now in write mode, and the
 * monitor taken under it then orders {@code points} before {@code log}; another thread takes them the
 * other way: the two can deadlock.
 */
public class StampedUpgrade {
    private final StampedLock points = new StampedLock();
    private final Object log = new Object();

    public static void main(String[] args) throws Exception {
        StampedUpgrade o = new StampedUpgrade();
        long handed = o.points.writeLock();
        Thread releaser = new Thread(() -> o.points.unlockWrite(handed), "releaser");
        releaser.start();
        releaser.join();
        o.upgradeThen(() -> {
        });
        o.upgradeThen(() -> {
            synchronized (o.log) {
                System.out.println("moved, logged");
            }
        });
        Threads.runInThread("reader", () -> {
            synchronized (o.log) {
                long r = o.points.readLock();
                o.points.unlockRead(r);
            }
        });
        System.out.println("finished");
    }

    private void upgradeThen(Runnable body) {
        long stamp = points.readLock();
        long write = points.tryConvertToWriteLock(stamp);
        if (write != 0L) {
            stamp = write;
        } else {
            points.unlockRead(stamp);
            stamp = points.writeLock();
        }
        try {
            body.run();
        } finally {
            points.unlock(stamp);
        }
    }
}
