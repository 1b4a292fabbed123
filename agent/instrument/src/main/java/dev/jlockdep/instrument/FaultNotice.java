package dev.jlockdep.instrument;

import dev.jlockdep.instrument.hooks.HookRuntime;
import java.io.PrintStream;

/**
 * Says the first internal fault, once: the validator is off by then, so later faults tell nothing new.
 * Saying it needs memory; when the fault is an {@link OutOfMemoryError} that may fail too, and then the
 * notice stays pending and is said at exit ({@link #sayPending}), when memory is likely back. Plain
 * fields under the monitor: an atomic's first call may link a VarHandle, which allocates.
 */
final class FaultNotice implements HookRuntime.FaultHandler {
    private final PrintStream err;
    private Throwable first;
    private boolean said;

    FaultNotice(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void fault(Throwable t) {
        if (first == null) {
            first = t;
            sayPending();
        }
    }

    /** Says the fault if it has not been said yet; whatever fails here stays here. */
    synchronized void sayPending() {
        if (first == null || said) {
            return;
        }
        try {
            err.println("jlockdep: internal error (" + first + ")");
            err.println("turning off the locking correctness validator.");
            said = true;
        } catch (Throwable notSaid) {
            // Out of memory still: said at exit.
        }
    }
}
