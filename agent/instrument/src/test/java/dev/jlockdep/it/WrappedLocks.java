package dev.jlockdep.it;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Locks kept in a wrapper, as Jetty keeps each of its locks in an {@code AutoLock}: every wrapper's lock
 * is the wrapper's one field, yet each is named after the field its wrapper is kept in, and recorded
 * where the wrapper is called. A lifecycle takes its own lock then its selector's (one order, as Jetty's
 * start-up does: no report); with "cycle", a second path takes the selector's then the lifecycle's, a
 * real AB-BA through the wrappers.
 */
public class WrappedLocks {
    /** Jetty's AutoLock, as it is: a ReentrantLock taken by lock() and released by close(). */
    static final class AutoLock implements AutoCloseable {
        private final ReentrantLock lock = new ReentrantLock();

        AutoLock lock() {
            lock.lock();
            return this;
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }

    static final class Selector {
        private final AutoLock selectorLock = new AutoLock();

        void update() {
            try (AutoLock l = selectorLock.lock()) {
                Thread.onSpinWait();
            }
        }
    }

    static final class LifeCycle {
        private final AutoLock lifeCycleLock = new AutoLock();
        private final Selector selector = new Selector();

        void start() {
            try (AutoLock l = lifeCycleLock.lock()) {
                selector.update();
            }
        }

        void stopFromTheSelector() {
            try (AutoLock s = selector.selectorLock.lock()) {
                try (AutoLock l = lifeCycleLock.lock()) {
                    Thread.onSpinWait();
                }
            }
        }
    }

    public static void main(String[] args) throws Exception {
        LifeCycle server = new LifeCycle();
        LifeCycle connector = new LifeCycle();
        server.start();
        connector.start();
        if (args.length > 0 && args[0].equals("cycle")) {
            Thread other = new Thread(server::stopFromTheSelector, "stopper");
            other.start();
            other.join();
        }
        System.out.println("finished");
    }
}
