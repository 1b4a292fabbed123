package dev.jlockdep.instrument.hooks;

import dev.jlockdep.core.LockMode;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.StampedLock;

/** {@code StampedLock}: not reentrant, and {@code tryOptimisticRead} is no acquisition. */
public final class StampedLockHooks {
    public static final HookRef WRITE_LOCK = HookRef.of(StampedLockHooks.class, "stampedWriteLock", Object.class,
            int.class);
    public static final HookRef READ_LOCK = HookRef.of(StampedLockHooks.class, "stampedReadLock", Object.class,
            int.class);
    public static final HookRef TRY_WRITE_LOCK = HookRef.of(StampedLockHooks.class, "stampedTryWriteLock",
            Object.class, long.class, int.class);
    public static final HookRef TRY_READ_LOCK = HookRef.of(StampedLockHooks.class, "stampedTryReadLock",
            Object.class, long.class, int.class);
    public static final HookRef WRITE_LOCK_INTERRUPTIBLY = HookRef.of(StampedLockHooks.class,
            "stampedWriteLockInterruptibly", StampedLock.class, int.class);
    public static final HookRef READ_LOCK_INTERRUPTIBLY = HookRef.of(StampedLockHooks.class,
            "stampedReadLockInterruptibly", StampedLock.class, int.class);
    public static final HookRef TRY_WRITE_LOCK_TIMED = HookRef.of(StampedLockHooks.class, "stampedTryWriteLock",
            StampedLock.class, long.class, TimeUnit.class, int.class);
    public static final HookRef TRY_READ_LOCK_TIMED = HookRef.of(StampedLockHooks.class, "stampedTryReadLock",
            StampedLock.class, long.class, TimeUnit.class, int.class);
    public static final HookRef UNLOCK_WRITE = HookRef.of(StampedLockHooks.class, "stampedUnlockWrite",
            StampedLock.class, long.class, int.class);
    public static final HookRef UNLOCK_READ = HookRef.of(StampedLockHooks.class, "stampedUnlockRead",
            StampedLock.class, long.class, int.class);
    public static final HookRef UNLOCK = HookRef.of(StampedLockHooks.class, "stampedUnlock", StampedLock.class,
            long.class, int.class);
    public static final HookRef TRY_UNLOCK_WRITE = HookRef.of(StampedLockHooks.class, "stampedTryUnlockWrite",
            Object.class, boolean.class, int.class);
    public static final HookRef TRY_UNLOCK_READ = HookRef.of(StampedLockHooks.class, "stampedTryUnlockRead",
            Object.class, boolean.class, int.class);

    public static final HookRef TRY_CONVERT_TO_WRITE_LOCK = HookRef.of(StampedLockHooks.class,
            "stampedTryConvertToWriteLock", StampedLock.class, long.class, int.class);
    public static final HookRef TRY_CONVERT_TO_READ_LOCK = HookRef.of(StampedLockHooks.class,
            "stampedTryConvertToReadLock", StampedLock.class, long.class, int.class);
    public static final HookRef TRY_CONVERT_TO_OPTIMISTIC_READ = HookRef.of(StampedLockHooks.class,
            "stampedTryConvertToOptimisticRead", StampedLock.class, long.class, int.class);

    /** A stamp's mode: no lock held for an optimistic stamp (or an invalid one). */
    private static final int NONE = Integer.MIN_VALUE;

    private StampedLockHooks() {
    }

    @Hook
    public static void stampedWriteLock(Object lock, int site) {
        HookRuntime.acquire(lock, site, LockMode.EXCLUSIVE, false);
    }

    @Hook
    public static void stampedReadLock(Object lock, int site) {
        HookRuntime.acquire(lock, site, LockMode.READ, false);
    }

    @Hook
    public static long stampedTryWriteLock(Object lock, long stamp, int site) {
        if (stamp != 0) {
            HookRuntime.acquire(lock, site, LockMode.EXCLUSIVE, true);
        }
        return stamp;
    }

    @Hook
    public static long stampedTryReadLock(Object lock, long stamp, int site) {
        if (stamp != 0) {
            HookRuntime.acquire(lock, site, LockMode.READ, true);
        }
        return stamp;
    }

    @Hook
    public static long stampedWriteLockInterruptibly(StampedLock lock, int site) throws InterruptedException {
        return LockHooks.blocking(lock, site, LockMode.EXCLUSIVE, lock::writeLockInterruptibly);
    }

    @Hook
    public static long stampedReadLockInterruptibly(StampedLock lock, int site) throws InterruptedException {
        return LockHooks.blocking(lock, site, LockMode.READ, lock::readLockInterruptibly);
    }

    @Hook
    public static long stampedTryWriteLock(StampedLock lock, long time, TimeUnit unit, int site)
            throws InterruptedException {
        return stampedTryWriteLock(lock, lock.tryWriteLock(time, unit), site);
    }

    @Hook
    public static long stampedTryReadLock(StampedLock lock, long time, TimeUnit unit, int site)
            throws InterruptedException {
        return stampedTryReadLock(lock, lock.tryReadLock(time, unit), site);
    }

    @Hook
    public static void stampedUnlockWrite(StampedLock lock, long stamp, int site) {
        HookRuntime.release(lock, site, LockMode.EXCLUSIVE);
        lock.unlockWrite(stamp);
    }

    @Hook
    public static void stampedUnlockRead(StampedLock lock, long stamp, int site) {
        HookRuntime.release(lock, site, LockMode.READ);
        lock.unlockRead(stamp);
    }

    @Hook
    public static void stampedUnlock(StampedLock lock, long stamp, int site) {
        HookRuntime.release(lock, site, StampedLock.isReadLockStamp(stamp) ? LockMode.READ : LockMode.EXCLUSIVE);
        lock.unlock(stamp);
    }

    @Hook
    public static long stampedTryConvertToWriteLock(StampedLock lock, long stamp, int site) {
        return converted(lock, stamp, lock.tryConvertToWriteLock(stamp), site);
    }

    @Hook
    public static long stampedTryConvertToReadLock(StampedLock lock, long stamp, int site) {
        return converted(lock, stamp, lock.tryConvertToReadLock(stamp), site);
    }

    @Hook
    public static long stampedTryConvertToOptimisticRead(StampedLock lock, long stamp, int site) {
        return converted(lock, stamp, lock.tryConvertToOptimisticRead(stamp), site);
    }

    /**
     * A conversion succeeded ({@code to} not 0): the holding in the stamp's mode ends, and the new mode's
     * begins as a trylock would (a conversion never waits, so it orders nothing). An optimistic stamp holds nothing.
     */
    private static long converted(StampedLock lock, long from, long to, int site) {
        if (to != 0) {
            int before = modeOf(from);
            int after = modeOf(to);
            if (before != after) {
                if (before != NONE) {
                    HookRuntime.release(lock, site, before);
                }
                if (after != NONE) {
                    HookRuntime.acquire(lock, site, after, true);
                }
            }
        }
        return to;
    }

    private static int modeOf(long stamp) {
        return StampedLock.isWriteLockStamp(stamp) ? LockMode.EXCLUSIVE
                : StampedLock.isReadLockStamp(stamp) ? LockMode.READ : NONE;
    }

    @Hook
    public static boolean stampedTryUnlockWrite(Object lock, boolean released, int site) {
        if (released) {
            HookRuntime.release(lock, site, LockMode.EXCLUSIVE);
        }
        return released;
    }

    @Hook
    public static boolean stampedTryUnlockRead(Object lock, boolean released, int site) {
        if (released) {
            HookRuntime.release(lock, site, LockMode.READ);
        }
        return released;
    }
}
