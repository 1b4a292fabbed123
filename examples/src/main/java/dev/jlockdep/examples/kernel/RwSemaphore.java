package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockPrimitive;
import dev.jlockdep.api.Lockdep;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * {@code struct rw_semaphore}: readers are lockdep's non-recursive reads (a queued writer blocks them),
 * so a reader taking it again is recursive locking, as in the kernel.
 */
@LockPrimitive
public final class RwSemaphore {
    private final StampedLock sem = new StampedLock();
    private final Lock read = sem.asReadLock();
    private final Lock write = sem.asWriteLock();

    /** {@code init_rwsem(&x->sem)} / {@code DECLARE_RWSEM(name)}. */
    public RwSemaphore(String name) {
        Lockdep.setClass(sem, name);
    }

    public void down_read() {
        read.lock();
    }

    public boolean down_read_trylock() {
        return read.tryLock();
    }

    public void up_read() {
        read.unlock();
    }

    public void down_write() {
        write.lock();
    }

    public void up_write() {
        write.unlock();
    }

    public void lockdep_assert_held() {
        Lockdep.assertHeld(sem);
    }

    public void lockdep_assert_held_write() {
        Lockdep.assertHeldWrite(sem);
    }

    public void lockdep_assert_held_read() {
        Lockdep.assertHeldRead(sem);
    }
}
