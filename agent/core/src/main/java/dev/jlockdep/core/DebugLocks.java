package dev.jlockdep.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * lockdep's {@code debug_locks}: validation is on until the first report (with {@code once}), a limit
 * reached or a fault of the agent's own turns it off, for good. Read opaquely on the slow paths (seen
 * soon, never hoisted, no barrier); the fast paths never read it.
 */
final class DebugLocks {
    private static final VarHandle ON;

    static {
        try {
            ON = MethodHandles.lookup().findVarHandle(DebugLocks.class, "on", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private volatile boolean on = true;

    boolean on() {
        return (boolean) ON.getOpaque(this);
    }

    /** {@code debug_locks_off}. */
    void off() {
        // A plain volatile write: this runs when memory is out, and a VarHandle's first call links (allocates).
        on = false;
    }
}
