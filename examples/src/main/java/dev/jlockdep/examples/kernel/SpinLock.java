package dev.jlockdep.examples.kernel;

import dev.jlockdep.api.LockPrimitive;
import dev.jlockdep.api.Lockdep;
import dev.jlockdep.api.kernel.Irq;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.StampedLock;

/**
 * {@code spinlock_t}: wait type {@code {2:2}}, not reentrant; the {@code _irq} variants disable
 * interrupts around it.
 */
@LockPrimitive
public final class SpinLock {
    private final StampedLock lock = new StampedLock();
    private final Lock spin = lock.asWriteLock();

    public SpinLock(String name) {
        Lockdep.setClass(lock, name, Lockdep.WAIT_SPIN);
    }

    public void spin_lock() {
        spin.lock();
    }

    public void spin_unlock() {
        spin.unlock();
    }

    public void spin_lock_irq() {
        Irq.disable();
        spin.lock();
    }

    public void spin_unlock_irq() {
        spin.unlock();
        Irq.enable();
    }

    /** Returns the interrupt state for {@link #spin_unlock_irqrestore(int)}. */
    public int spin_lock_irqsave() {
        int flags = Irq.save();
        spin.lock();
        return flags;
    }

    public void spin_unlock_irqrestore(int flags) {
        spin.unlock();
        Irq.restore(flags);
    }

    public void lockdep_assert_held() {
        Lockdep.assertHeld(lock);
    }
}
