package dev.jlockdep.examples.plain;

import java.util.HashMap;
import java.util.Map;

/**
 * A read-through cache in front of a store. A lookup holds the cache while it loads from the store;
 * an invalidation from the store's write path holds the store while it evicts from the cache. Run one
 * after the other, nothing hangs, and yet the two orders will deadlock the day they overlap: jlockdep
 * reports it from this single quiet run.
 */
public class CacheAndStore {
    private final Object cacheLock = new Object();
    private final Object storeLock = new Object();
    private final Map<String, String> cache = new HashMap<>();
    private final Map<String, String> store = new HashMap<>(Map.of("user:1", "Ada"));

    String lookup(String key) {
        synchronized (cacheLock) {
            return cache.computeIfAbsent(key, this::load);
        }
    }

    private String load(String key) {
        synchronized (storeLock) {
            return store.get(key);
        }
    }

    void write(String key, String value) {
        synchronized (storeLock) {
            store.put(key, value);
            evict(key);
        }
    }

    private void evict(String key) {
        synchronized (cacheLock) {
            cache.remove(key);
        }
    }

    public static void main(String[] args) throws InterruptedException {
        CacheAndStore service = new CacheAndStore();
        Thread reader = new Thread(() -> System.out.println("read " + service.lookup("user:1")), "reader");
        reader.start();
        reader.join();
        service.write("user:1", "Grace");
        System.out.println("wrote user:1, no deadlock this time");
    }
}
