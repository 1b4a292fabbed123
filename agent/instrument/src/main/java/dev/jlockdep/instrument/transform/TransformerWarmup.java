package dev.jlockdep.instrument.transform;

import java.util.Vector;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Never run: the class the transformer is exercised on before it is registered, so that every class
 * it needs is loaded by then. A class first loaded inside the transformer would be handed to the
 * transformer while it loads (a class-loading circularity; seen on Temurin 25).
 */
@SuppressWarnings({"unused", "WaitNotInLoop", "LockNotBeforeTry"})
final class TransformerWarmup {
    private final Object monitor = new Object();
    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final StampedLock stamped = new StampedLock();
    private final Condition condition = lock.newCondition();
    private final Sub sub = new Sub();
    /** A call of a JDK synchronized method: the rewrite's table of them, whose initializer loads Vector. */
    private final Vector<Object> vector = new Vector<>();
    /** A static initializer that uses another class: class initialization's rewrite too. */
    private static final Object INITIALIZED = Sub.made();

    private static final class Sub extends ReentrantLock {
        static Sub made() {
            return new Sub();
        }
    }

    synchronized void everything() throws InterruptedException {
        synchronized (monitor) {
            monitor.wait(1);
        }
        lock.lock();
        lock.lockInterruptibly();
        if (lock.tryLock() && lock.tryLock(1, TimeUnit.MILLISECONDS)) {
            condition.await(1, TimeUnit.MILLISECONDS);
        }
        lock.unlock();
        rw.readLock().lock();
        sub.lock();
        stamped.unlockWrite(stamped.writeLock());
        vector.add(this);
    }

    static synchronized void statically() {
    }
}
