package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A thread that takes its own lock again where that waits for itself: a read lock's holder taking the
 * write lock ("upgrade"), a StampedLock's writer taking it again ("stamped"). Each is the lock's first
 * holding, whose reports are otherwise held back until it ends; this one never ends, so the recursive
 * report must come before the hang.
 */
public class SelfRetake {
    public static void main(String[] args) {
        Thread main = Thread.currentThread();
        Thread watcher = new Thread(() -> {
            while (main.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            System.out.println("hung: main waits for its own lock");
        }, "watcher");
        watcher.setDaemon(true);
        if (args[0].equals("upgrade")) {
            ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
            lock.readLock().lock();
            watcher.start();
            lock.writeLock().lock();
        } else {
            StampedLock lock = new StampedLock();
            lock.writeLock();
            watcher.start();
            lock.writeLock();
        }
    }
}
