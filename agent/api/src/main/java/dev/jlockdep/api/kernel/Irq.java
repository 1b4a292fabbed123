package dev.jlockdep.api.kernel;

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
        return TaskContext.irqsSet(1);
    }

    /** {@code local_irq_restore}. */
    public static void restore(int saved) {
        TaskContext.irqsSet(saved);
    }

    /** {@code local_irq_disable}. */
    public static void disable() {
        TaskContext.irqsSet(1);
    }

    /** {@code local_irq_enable}. */
    public static void enable() {
        TaskContext.irqsSet(0);
    }

    /** {@code irqs_disabled}. */
    public static boolean disabled() {
        return TaskContext.irqsOff() != 0;
    }
}
