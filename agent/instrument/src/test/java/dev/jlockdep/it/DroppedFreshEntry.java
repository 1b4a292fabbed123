package dev.jlockdep.it;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Derby's cache entry, dropped while locked: {@code ConcurrentCache.getEntry} locks a fresh entry before
 * it offers it, and when another thread put one first it takes that one instead and drops the fresh one
 * still locked ("no one else could have seen it"). Its thread goes on with that lock held, taking the
 * connection's monitor under it, which the reader takes before entries: a cycle of classes that cannot
 * deadlock, as no thread can ever wait for the dropped lock ("dropped": silent). Its twin ("published"):
 * the fresh entry is put in the cache and filled under the connection, and the reader takes that very
 * entry under the connection: a real deadlock in another interleaving, reported.
 */
public class DroppedFreshEntry {
    static final class Entry {
        final ReentrantLock mutex = new ReentrantLock();
    }

    static final Map<String, Entry> CACHE = new ConcurrentHashMap<>();
    static final Object CONNECTION = new Object();

    /** getEntry from its second look on: {@code found} is what the cache held at the first. */
    static Entry lockEntry(String key, Entry found) {
        if (found == null) {
            Entry fresh = new Entry();
            fresh.mutex.lock(); // before it is offered: nobody may take it half made
            Entry old = CACHE.putIfAbsent(key, fresh);
            if (old == null) {
                return fresh;
            }
            found = old; // another thread put one first: the fresh one is dropped, still locked
        }
        found.mutex.lock();
        return found;
    }

    /** The reader: an entry, under the connection. */
    static void read(String key) {
        synchronized (CONNECTION) {
            lockEntry(key, CACHE.get(key)).mutex.unlock();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Entry first = CACHE.get("k");
        if (args[0].equals("dropped")) {
            Threads.runInThread("reader", () -> read("k")); // puts "k" between the filler's two looks
            Entry e = lockEntry("k", first);
            e.mutex.unlock();
            synchronized (CONNECTION) { // the fresh entry's lock is still held here
                System.out.println("filled");
            }
        } else {
            Entry e = lockEntry("k", first);
            synchronized (CONNECTION) {
                System.out.println("filled");
            }
            e.mutex.unlock();
            Threads.runInThread("reader", () -> read("k"));
        }
        System.out.println("finished");
    }
}
