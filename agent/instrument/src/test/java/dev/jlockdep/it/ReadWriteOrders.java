package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * ReentrantReadWriteLock views: a reader of 'cache' that writes 'index', against a writer of 'index'
 * that reads 'cache'. A queued writer blocks new readers, so this can deadlock: reported with the
 * read acquisition as rlock. Read-then-read of one lock, and a writer taking its own read lock, are fine.
 */
public class ReadWriteOrders {
    private final ReentrantReadWriteLock cache = new ReentrantReadWriteLock();
    private final ReentrantReadWriteLock index = new ReentrantReadWriteLock();

    public static void main(String[] args) throws Exception {
        ReadWriteOrders o = new ReadWriteOrders();
        Threads.runInThread("reader", o::readCacheWriteIndex);
        o.cache.readLock().lock();
        o.cache.readLock().lock();
        o.cache.readLock().unlock();
        o.cache.readLock().unlock();
        o.writeIndexReadCache();
        System.out.println("finished");
    }

    void readCacheWriteIndex() {
        cache.readLock().lock();
        try {
            index.writeLock().lock();
            index.writeLock().unlock();
        } finally {
            cache.readLock().unlock();
        }
    }

    void writeIndexReadCache() {
        index.writeLock().lock();
        try {
            index.readLock().lock();
            index.readLock().unlock();
            cache.readLock().lock();
            cache.readLock().unlock();
        } finally {
            index.writeLock().unlock();
        }
    }
}
