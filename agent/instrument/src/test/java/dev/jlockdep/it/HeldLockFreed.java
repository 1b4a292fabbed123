package dev.jlockdep.it;

import java.lang.ref.WeakReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock left held on an object the program then drops (Derby's cache locks a fresh entry and drops it
 * "since no one else could have seen it"), on a thread that goes on taking locks: once the collector
 * has freed the object, the lock leaves the thread's held stack with one "held lock freed" warning. With "kept" the program keeps the object: the lock is still held, and the
 * thread ends holding it. Neither orders what its thread took under it: no other thread ever took it.
 */
public class HeldLockFreed {
    static final class Entry {
        final ReentrantLock mutex = new ReentrantLock();
    }

    static final Object A = new Object();
    static final Object B = new Object();
    static Entry kept;

    public static void main(String[] args) {
        boolean keep = args.length > 0 && args[0].equals("kept");
        WeakReference<Entry> dropped = lockAndDrop(keep);
        takeOthers(); // held long now
        for (int gcs = 0; !keep && dropped.get() != null && gcs < 100; gcs++) {
            System.gc();
        }
        System.out.println(keep ? "kept" : dropped.get() == null ? "collected" : "not collected after 100 collections");
        takeOthers(); // the held stack is looked at again
        synchronized (B) {
            synchronized (A) {
                System.out.println("B then A");
            }
        }
    }

    private static WeakReference<Entry> lockAndDrop(boolean keep) {
        Entry fresh = new Entry();
        fresh.mutex.lock(); // never unlocked
        if (keep) {
            kept = fresh;
        }
        return new WeakReference<>(fresh);
    }

    /** Acquisitions of two locks in turn, each a push of the held stack, enough for it to be looked at. */
    private static void takeOthers() {
        for (int i = 0; i < 3000; i++) {
            synchronized (i % 2 == 0 ? A : B) {
                if (i < 0) {
                    System.out.println(i);
                }
            }
        }
    }
}
