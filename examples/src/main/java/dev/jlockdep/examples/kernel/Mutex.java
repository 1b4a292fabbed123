package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockPrimitive;
import dev.jlockdep.api.Lockdep;
import java.util.concurrent.locks.ReentrantLock;

/** {@code struct mutex}: a sleeping lock whose class is the name given at {@code mutex_init}; recorded at its caller. */
@LockPrimitive
public final class Mutex {
    private final ReentrantLock lock = new ReentrantLock();

    /** {@code mutex_init(&x->lock)} / {@code DEFINE_MUTEX(name)}: {@code name} is the lock class. */
    public Mutex(String name) {
        Lockdep.setClass(lock, name);
    }

    public void mutex_lock() {
        lock.lock();
    }

    /** {@code mutex_lock_nested}: a lock of a class already held, one nesting level down. */
    public void mutex_lock_nested(int subclass) {
        Lockdep.nested(lock, subclass).lock();
    }

    public boolean mutex_trylock() {
        return lock.tryLock();
    }

    public void mutex_unlock() {
        lock.unlock();
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
