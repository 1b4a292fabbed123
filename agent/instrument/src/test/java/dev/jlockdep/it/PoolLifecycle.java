package dev.jlockdep.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A data source that starts its pool under its own monitor, and a pool that tells its data source, under
 * the pool's monitor, that it closed: data source, then pool, at start-up; pool, then data source, at
 * close. The variant says where the pool is made and when it is taken under the data source:
 * <ul>
 *   <li>"made-there": made and filled in the start-up's holding of the data source, where no other thread
 *   can hold it yet: the start-up cannot wait for it, no deadlock;
 *   <li>"made-before": made before the start-up: a close racing the start-up deadlocks;
 *   <li>"used-again": made at start-up, then resized in a later holding of the data source: a close racing
 *   the resize deadlocks;
 *   <li>"lock-made-there": as "made-there" with {@code java.util.concurrent} locks;
 *   <li>"three-locks": made there, but filling it takes the registry's monitor, which the closer holds as
 *   it tells the data source: the start-up holds the data source and the pool as it waits for the
 *   registry, a deadlock of three;
 *   <li>"handed-over": made there, but the start-up starts the closer with it before it fills it: in
 *   another run the closer may hold it first, a deadlock.
 * </ul>
 * The closer closes the pool on its own thread once the start-up (and the resize) are done, so nothing
 * hangs.
 */
public class PoolLifecycle {
    /** The registry pools report their size to, in "three-locks". */
    private static final Object REGISTRY = new Object();
    private static final CountDownLatch STARTED = new CountDownLatch(1);
    private static String variant;
    private static Thread closer;

    static final class Pool {
        private final DataSource source;
        private int size;

        Pool(DataSource source) {
            this.source = source;
        }

        synchronized void fill(int n) {
            size = n;
            if (variant.equals("three-locks")) {
                synchronized (REGISTRY) {
                    size = n;
                }
            }
        }

        synchronized void close() {
            source.forget(this);
        }
    }

    static final class DataSource {
        private Pool pool;

        synchronized void start(Pool made) {
            pool = made != null ? made : new Pool(this);
            if (variant.equals("handed-over")) {
                closer = closer(this, pool);
            }
            pool.fill(4);
        }

        synchronized void resize() {
            pool.fill(8);
        }

        synchronized void forget(Pool closed) {
            if (pool == closed) {
                pool = null;
            }
        }
    }

    public static void main(String[] args) throws Exception {
        variant = args[0];
        if (variant.equals("lock-made-there")) {
            LockedDataSource.run();
        } else {
            DataSource source = new DataSource();
            source.start(variant.equals("made-before") ? new Pool(source) : null);
            if (variant.equals("used-again")) {
                source.resize();
            }
            if (closer == null) {
                closer = closer(source, source.pool);
            }
            STARTED.countDown();
            closer.join();
        }
        System.out.println("finished");
    }

    /** The thread that closes the pool once started; in "three-locks" it tells the data source under the registry. */
    private static Thread closer(DataSource source, Pool pool) {
        Thread t = new Thread(() -> {
            try {
                STARTED.await();
            } catch (InterruptedException e) {
                return;
            }
            if (variant.equals("three-locks")) {
                synchronized (REGISTRY) {
                    source.forget(pool);
                }
            } else {
                pool.close();
            }
        }, "closer");
        t.start();
        return t;
    }

    /** The same start-up and close, each object with a {@code ReentrantLock} of its own. */
    static final class LockedDataSource {
        private final ReentrantLock lock = new ReentrantLock();
        private LockedPool pool;

        static void run() throws InterruptedException {
            LockedDataSource source = new LockedDataSource();
            source.lock.lock();
            try {
                source.pool = new LockedPool();
                source.pool.lock.lock();
                source.pool.lock.unlock();
            } finally {
                source.lock.unlock();
            }
            Thread closer = new Thread(() -> {
                source.pool.lock.lock();
                try {
                    source.lock.lock();
                    source.lock.unlock();
                } finally {
                    source.pool.lock.unlock();
                }
            }, "closer");
            closer.start();
            closer.join();
        }
    }

    static final class LockedPool {
        private final ReentrantLock lock = new ReentrantLock();
    }
}
