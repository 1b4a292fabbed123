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
