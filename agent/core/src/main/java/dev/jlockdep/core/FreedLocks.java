package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.Report;

/**
 * Locks left held on objects the program dropped: the kernel's "held lock freed!"
 * ({@code debug_check_no_locks_freed}). A {@code java.util.concurrent} lock can be left locked on an
 * object nobody reaches any more (Derby's cache drops a fresh entry it locked, "since no one else could
 * have seen it"); kept on its thread's held stack, it would order itself before every later lock of
 * that thread. The held stack must not keep such an object alive, and strong references are what the
 * fast paths compare, so an entry held across {@link #OLD} pushes of its thread is demoted to the weak
 * entry the instance table keeps of its lock anyway (no allocation). Every {@link #SWEEP_EVERY}
 * pushes the thread looks at its own stack: a demoted entry whose object was collected is dropped, with
 * one warning per lock class. Monitors and pseudo-locks are never collected while held (a frame or the
 * validator refers to them), so demoting them only costs a look-up when they are used again.
 */
final class FreedLocks {
    /** How often, in pushes of a thread, its held stack is looked at. */
    static final int SWEEP_EVERY = 256;
    /** Held across this many pushes of its thread: held long, demoted. */
    static final int OLD = 1024;

    private final Validator validator;

    FreedLocks(Validator validator) {
        this.validator = validator;
    }

    /** Demotes the entries held long, and drops those whose objects were collected. */
    void sweep(HeldLocks t) {
        t.nextSweep = t.pushes + SWEEP_EVERY;
        for (int i = t.depth - 1; i >= 0; i--) {
            HeldLocks.Entry e = t.at(i);
            if (e.lock == null && e.demoted != null && e.demoted.refersTo(null)) {
                freed(t, i);
            } else if (e.lock != null && t.pushes - e.pushedAt >= OLD && !(e.lock instanceof ClassInits.Init)) {
                InstanceTable.Entry weak = validator.instanceEntry(e.lock);
                if (weak != null) {
                    e.demoted = weak;
                    e.lock = null;
                }
            }
        }
    }

    /** Held entry {@code i}'s object was collected: said once per class, then dropped from the stack. */
    private void freed(HeldLocks t, int i) {
        HeldLocks.Entry e = t.at(i);
        Frame at = validator.frameAt(e.site);
        Report r;
        synchronized (validator.graphLock) {
            LockClass c = validator.graphLock.byId(e.classId);
            String message = "held lock freed!\n" + t.threadLabel() + " held (" + c.name() + "), taken at " + at
                    + ", and the collector freed its object with the lock still held there!";
            String problem = ProblemKey.freed(c.key());
            r = validator.problems.once(problem, () -> validator.reports.warning(t, message, at,
                    validator.reports.stack(), problem));
        }
        validator.problems.emit(r);
        t.removeAt(i);
    }
}
