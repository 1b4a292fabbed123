package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.Irq;
import dev.jlockdep.api.LockPrimitive;
import dev.jlockdep.api.Lockdep;
import java.util.concurrent.locks.ReentrantLock;

/** {@code spinlock_t}: wait type {@code {2:2}}; the {@code _irq} variants disable interrupts around it. */
@LockPrimitive
public final class SpinLock {
    private final ReentrantLock lock = new ReentrantLock();

    public SpinLock(String name) {
        Lockdep.setClass(lock, name, Lockdep.WAIT_SPIN);
    }

    public void spin_lock() {
        lock.lock();
    }

    public void spin_unlock() {
        lock.unlock();
    }

    public void spin_lock_irq() {
        Irq.disable();
        lock.lock();
    }

    public void spin_unlock_irq() {
        lock.unlock();
        Irq.enable();
    }

    /** Returns the interrupt state for {@link #spin_unlock_irqrestore(int)}. */
    public int spin_lock_irqsave() {
        int flags = Irq.save();
        lock.lock();
        return flags;
    }

    public void spin_unlock_irqrestore(int flags) {
        lock.unlock();
        Irq.restore(flags);
    }

    public void lockdep_assert_held() {
        Lockdep.assertHeld(lock);
    }
}
