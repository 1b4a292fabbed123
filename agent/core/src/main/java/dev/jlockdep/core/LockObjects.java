package dev.jlockdep.core;

import dev.jlockdep.core.model.ClassKey;

/**
 * What the validator needs to know about lock objects it has not seen before, supplied by the layer
 * that knows the concrete lock types (the instrumentation knows {@code java.util.concurrent}).
 */
public interface LockObjects {

    /** The object that is the lock itself: a read-write lock's read and write views share one. */
    Object identity(Object lock);

    /** The mode a lock object implies when its call site does not say ({@link LockMode}). */
    int impliedMode(Object lock);

    /** False for locks that deadlock when their holder takes them again. */
    boolean reentrant(Object lock);

    /** The class key and printed name of an object with no better name: its runtime class. */
    String[] classKeyAndName(Object lock);

    /** Monitors and {@code java.util.concurrent} locks sleep; pseudo-locks have no wait type. */
    WaitType waitType(Object lock);

    /** Plain monitors and the JDK's lock types: every object is a lock, the identity is the object. */
    LockObjects MONITORS = new LockObjects() {
        @Override
        public Object identity(Object lock) {
            return lock;
        }

        @Override
        public int impliedMode(Object lock) {
            return LockMode.EXCLUSIVE;
        }

        @Override
        public boolean reentrant(Object lock) {
            return true;
        }

        @Override
        public String[] classKeyAndName(Object lock) {
            String name = lock instanceof Class<?> c ? c.getName() + ".class" : lock.getClass().getName();
            return new String[] {ClassKey.runtimeClass(name), name};
        }

        @Override
        public WaitType waitType(Object lock) {
            return WaitType.SLEEP;
        }
    };
}
