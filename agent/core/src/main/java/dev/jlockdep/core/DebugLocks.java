package dev.jlockdep.core;

/**
 * lockdep's {@code debug_locks}: validation is on until the first report (with {@code once}), a limit
 * reached or a fault of the agent's own turns it off, for good. A volatile read on the slow paths (a plain
 * load on x86, never hoisted); the fast paths never read it.
 */
final class DebugLocks {
    private volatile boolean on = true;

    boolean on() {
        return on;
    }

    /** {@code debug_locks_off}. */
    void off() {
        on = false;
    }
}
