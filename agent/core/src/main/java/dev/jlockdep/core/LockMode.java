package dev.jlockdep.core;

/**
 * How a lock is taken, with lockdep's {@code read} values: 0 exclusive, 1 read (a queued writer blocks
 * new readers, as in {@code ReentrantReadWriteLock} and rwsem), 2 recursive read (readers never block
 * readers, as seqcount readers are annotated).
 */
public final class LockMode {
    public static final int EXCLUSIVE = 0;
    public static final int READ = 1;
    public static final int RECURSIVE_READ = 2;
    /** Passed by a call site that does not know the mode: the lock object (a read or write view) says it. */
    public static final int FROM_LOCK = -1;
    /** Passed by a release that does not say which mode it ends ({@code StampedLock.unlock(stamp)}). */
    public static final int ANY = -2;

    private LockMode() {
    }
}
