package dev.jlockdep.it;

import java.util.concurrent.locks.StampedLock;
import java.util.function.LongUnaryOperator;

/**
 * A real deadlock through a stamped lock upgraded where the agent does not see it (through a method
 * reference, which runs in a class the agent does not rewrite), after an unrelated hand-off elsewhere:
 * the upgraded holding stays held, so {@code points} orders {@code log}, and the other thread takes them
 * the other way.
 */
public class StampedUnseenUpgrade {
    private final StampedLock points = new StampedLock();
    private final StampedLock other = new StampedLock();
    private final Object log = new Object();

    public static void main(String[] args) throws Exception {
        StampedUnseenUpgrade o = new StampedUnseenUpgrade();
        long handed = o.other.writeLock();
        Thread releaser = new Thread(() -> o.other.unlockWrite(handed), "releaser");
        releaser.start();
        releaser.join();
        LongUnaryOperator upgrade = o.points::tryConvertToWriteLock;
        Thread mover = new Thread(() -> {
            long stamp = o.points.readLock();
            long write = upgrade.applyAsLong(stamp);
            synchronized (o.log) {
                System.out.println("upgraded: " + (write != 0));
            }
            o.points.unlockWrite(write);
        }, "mover");
        mover.start();
        mover.join();
        Thread logger = new Thread(() -> {
            synchronized (o.log) {
                long w = o.points.writeLock();
                o.points.unlockWrite(w);
            }
        }, "logger");
        logger.start();
        logger.join();
        System.out.println("finished");
    }
}
