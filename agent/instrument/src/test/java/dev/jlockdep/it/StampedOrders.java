package dev.jlockdep.it;

import java.util.concurrent.locks.StampedLock;

/**
 * StampedLock: an optimistic read is not an acquisition and orders nothing; a real read lock in the
 * same place closes the cycle with the other thread's order.
 */
public class StampedOrders {
    private final StampedLock points = new StampedLock();
    private final StampedLock bounds = new StampedLock();

    public static void main(String[] args) throws Exception {
        StampedOrders o = new StampedOrders();
        Threads.runInThread("mover", o::pointsThenBounds);
        long b = o.bounds.writeLock();
        long optimistic = o.points.tryOptimisticRead();
        System.out.println("optimistic read valid: " + o.points.validate(optimistic));
        o.bounds.unlockWrite(b);

        b = o.bounds.writeLock();
        long p = o.points.readLock();
        o.points.unlockRead(p);
        o.bounds.unlock(b);
        System.out.println("finished");
    }

    void pointsThenBounds() {
        long p = points.writeLock();
        try {
            long b = bounds.readLock();
            bounds.unlockRead(b);
        } finally {
            points.unlockWrite(p);
        }
    }
}
