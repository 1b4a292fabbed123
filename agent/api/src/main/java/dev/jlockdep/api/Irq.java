package dev.jlockdep.api;

/**
 * Interrupt state for models of kernel code: Java threads always run "with interrupts enabled", so a
 * model of {@code spin_lock_irqsave} says here that it disables them. Locks taken only with interrupts
 * disabled print {@code .} in their usage characters ({@code {....}}), as the kernel's do. The agent
 * keeps the state per thread; without it every method does nothing.
 */
public final class Irq {
    private Irq() {
    }

    /** {@code local_irq_save}: disables interrupts; returns the state for {@link #restore(int)}. */
    public static int save() {
        return Lockdep.irqsSet(1);
    }

    /** {@code local_irq_restore}. */
    public static void restore(int saved) {
        Lockdep.irqsSet(saved);
    }

    /** {@code local_irq_disable}. */
    public static void disable() {
        Lockdep.irqsSet(1);
    }

    /** {@code local_irq_enable}. */
    public static void enable() {
        Lockdep.irqsSet(0);
    }

    /** {@code irqs_disabled}. */
    public static boolean disabled() {
        return Lockdep.irqsOff() != 0;
    }
}
