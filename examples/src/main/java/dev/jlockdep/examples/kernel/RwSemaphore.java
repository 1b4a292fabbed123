package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockPrimitive;
import dev.jlockdep.api.Lockdep;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/** {@code struct rw_semaphore}: readers are lockdep's non-recursive reads (a queued writer blocks them). */
@LockPrimitive
public final class RwSemaphore {
    private final ReentrantReadWriteLock sem = new ReentrantReadWriteLock();

    /** {@code init_rwsem(&x->sem)} / {@code DECLARE_RWSEM(name)}. */
    public RwSemaphore(String name) {
        Lockdep.setClass(sem, name);
    }

    public void down_read() {
        sem.readLock().lock();
    }

    public boolean down_read_trylock() {
        return sem.readLock().tryLock();
    }

    public void up_read() {
        sem.readLock().unlock();
    }

    public void down_write() {
        sem.writeLock().lock();
    }

    public void up_write() {
        sem.writeLock().unlock();
    }

    public void lockdep_assert_held() {
        Lockdep.assertHeld(sem);
    }

    public void lockdep_assert_held_write() {
        Lockdep.assertHeldWrite(sem.writeLock());
    }

    public void lockdep_assert_held_read() {
        Lockdep.assertHeldRead(sem.readLock());
    }
}
