package dev.jlockdep.it;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Derby's caches in small: every cache makes its entries, each with its own lock, and keeps them in a map
 * (no field). An entry of the sequence cache is held while the updater is taken, and the updater is held
 * while an entry of the table cache is taken: named per cache (the field each cache is read from), the
 * two kinds of entry never meet, so nothing is reported. With "same", the updater takes an entry of the
 * sequence cache itself: a real cycle, as a thread holding that entry may wait for the updater. With
 * "throwing", a maker whose entry's constructor throws after making its lock is collected once dropped:
 * the agent does not keep it.
 */
public class CacheEntries {
    static final class Entry {
        private final ReentrantLock mutex = new ReentrantLock();
        /** Named after its lock's cache too: the entries of two caches wait apart. */
        private final Condition ready = mutex.newCondition();

        void lock() {
            mutex.lock();
        }

        void unlock() {
            ready.signalAll();
            mutex.unlock();
        }
    }

    static final class Cache {
        private final Map<String, Entry> entries = new ConcurrentHashMap<>();

        Entry find(String key) {
            Entry e = entries.get(key);
            if (e == null) {
                Entry fresh = new Entry();
                Entry old = entries.putIfAbsent(key, fresh);
                e = old != null ? old : fresh;
            }
            e.lock();
            return e;
        }
    }

    /** A factory, as Derby's: what it makes is stored by its caller. */
    static Cache newCache() {
        return new Cache();
    }

    private final Cache sequences = newCache();
    private final Cache tables = newCache();
    private final Object updater = new Object();
    private int advanced;

    void advance(String sequence) {
        Entry s = sequences.find(sequence);
        try {
            synchronized (updater) {
                advanced++;
            }
        } finally {
            s.unlock();
        }
    }

    void writeBack(boolean sameCache) {
        synchronized (updater) {
            Entry e;
            if (sameCache) {
                e = sequences.find("s2");
            } else {
                e = tables.find("t1");
            }
            e.unlock();
        }
    }

    /** An entry refused after its lock was made. */
    static final class Refused {
        private final ReentrantLock mutex = new ReentrantLock();

        Refused() {
            throw new IllegalStateException("refused: " + mutex);
        }
    }

    static final class RefusingCache {
        Refused make() {
            return new Refused();
        }
    }

    /** Whether a maker whose making threw is still reachable after it was dropped and collections ran. */
    private static boolean makerKeptAfterAFailedMaking() {
        RefusingCache cache = new RefusingCache();
        WeakReference<RefusingCache> dropped = new WeakReference<>(cache);
        try {
            cache.make();
        } catch (IllegalStateException expected) {
            // the entry is refused; the cache goes
        }
        cache = null;
        for (int i = 0; i < 100 && dropped.get() != null; i++) {
            System.gc();
        }
        return dropped.get() != null;
    }

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("throwing")) {
            System.out.println("maker " + (makerKeptAfterAFailedMaking() ? "kept" : "collected"));
            System.out.println("finished");
            return;
        }
        CacheEntries db = new CacheEntries();
        for (String sequence : new String[] {"s1", "s2", "s3"}) {
            db.advance(sequence);
        }
        db.writeBack(args.length > 0 && args[0].equals("same"));
        System.out.println("finished");
    }
}
