package dev.jlockdep.api.kernel;

/**
 * The per-thread state the kernel keeps in its task (memalloc scope bits, interrupts disabled), which
 * {@link Memalloc} and {@link Irq} read and write. The agent gives these methods their meaning when it
 * loads this class; without it they keep nothing.
 */
final class TaskContext {
    private TaskContext() {
    }

    /** Sets this thread's memalloc scope bits in {@code bits} to {@code value}; returns their old value. */
    static int memallocSet(int bits, int value) {
        return 0;
    }

    /** This thread's memalloc scope bits ({@link Memalloc#NOFS}, ...). */
    static int memallocFlags() {
        return 0;
    }

    /** 1 if this thread runs with interrupts disabled, else 0. */
    static int irqsOff() {
        return 0;
    }

    /** Sets whether this thread runs with interrupts disabled (1) or enabled (0); returns the old state. */
    static int irqsSet(int off) {
        return 0;
    }
}
