package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockPrimitive;
import dev.jlockdep.api.Lockdep;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * {@code struct mutex}: a sleeping lock whose class is the name given at {@code mutex_init}; recorded at
 * its caller. Not reentrant, as the kernel's is not: taking it twice is recursive locking (and a hang).
 */
@LockPrimitive
public final class Mutex {
    private final StampedLock lock = new StampedLock();
    private final Lock mutex = lock.asWriteLock();

    /** {@code mutex_init(&x->lock)} / {@code DEFINE_MUTEX(name)}: {@code name} is the lock class. */
    public Mutex(String name) {
        Lockdep.setClass(lock, name);
    }

    public void mutex_lock() {
        mutex.lock();
    }

    /** {@code mutex_lock_nested}: a lock of a class already held, one nesting level down. */
    public void mutex_lock_nested(int subclass) {
        Lockdep.nested(mutex, subclass).lock();
    }

    public boolean mutex_trylock() {
        return mutex.tryLock();
    }

    public void mutex_unlock() {
        mutex.unlock();
    }

    /** {@code lockdep_assert_held(&x->lock)}. */
    public void lockdep_assert_held() {
        Lockdep.assertHeld(lock);
    }

    /** {@code lockdep_assert_not_held(&x->lock)}. */
    public void lockdep_assert_not_held() {
        Lockdep.assertNotHeld(lock);
    }
}
