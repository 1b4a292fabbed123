package dev.jlockdep.it;

import java.lang.ref.WeakReference;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock left held on an object the program then drops (Derby's cache locks a fresh entry and drops it
 * "since no one else could have seen it"), on a thread that goes on taking locks: once the collector
 * has freed the object, the lock leaves the thread's held stack with one "held lock freed" warning and
 * orders nothing after it. With "kept" the program keeps the object: the lock is still held, it orders
 * what follows, and the thread ends holding it. With "cycle" an entry kept in a field is then taken
 * inside A, which closes a cycle of classes with the dropped entry held while A was taken: through a lock
 * never released no thread can wait (triage: leaked). With "released-cycle" the same, but the entry is
 * unlocked before it is dropped: credible. With "nested", the entry kept in a field is taken while the
 * dropped one is still held: a nesting of the class only inside a lock never released (leaked); with
 * "kept-nested", inside one kept held: credible.
 */
public class HeldLockFreed {
    static final class Entry {
        final ReentrantLock mutex = new ReentrantLock();
    }

    static final Object A = new Object();
    static final Object B = new Object();
    static Entry kept;
    static final Entry PUBLISHED = new Entry();

    public static void main(String[] args) {
        boolean keep = args.length > 0 && args[0].startsWith("kept");
        boolean release = args.length > 0 && args[0].startsWith("released");
        boolean cycle = args.length > 0 && args[0].endsWith("cycle");
        boolean nested = args.length > 0 && args[0].endsWith("nested");
        WeakReference<Entry> dropped = lockAndDrop(keep || release);
        if (nested) {
            PUBLISHED.mutex.lock();
            PUBLISHED.mutex.unlock();
        }
        takeOthers(); // held long now
        if (release) {
            kept.mutex.unlock();
            kept = null;
        }
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
        if (nested) {
            System.out.println("finished");
        }
        if (cycle) {
            synchronized (A) {
                PUBLISHED.mutex.lock();
                PUBLISHED.mutex.unlock();
            }
            System.out.println("finished");
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
