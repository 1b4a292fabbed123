package dev.jlockdep.core;

import dev.jlockdep.core.model.BadUnlockReport;
import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.HeldAtExitReport;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.StallReport;
import dev.jlockdep.core.model.StarvationReport;
import dev.jlockdep.core.model.WarningReport;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes the reports, as lockdep's {@code print_*} functions lay them out: the locks involved, the
 * chain, the held locks of the thread and its stack. Called under the graph lock (it reads the class
 * registry); what to report is decided by the checks that call it.
 */
final class ReportFactory {
    /** One end of the dependency that closes a cycle. */
    record End(LockClass lockClass, long serial, LockRef ref) {
    }

    private final LockClassRegistry classes;
    private final SiteRegistry sites;
    private final ProblemLog problems;
    private final String ident;
    private final int stackDepth;

    ReportFactory(LockClassRegistry classes, SiteRegistry sites, ProblemLog problems, String ident, int stackDepth) {
        this.classes = classes;
        this.sites = sites;
        this.problems = problems;
        this.ident = ident;
        this.stackDepth = stackDepth;
    }

    /** print_deadlock_bug: {@code next} is of the class of held entry {@code i}. */
    RecursiveReport recursive(String thread, LockRef next, LockRef held, List<LockRef> heldLocks, List<Frame> stack,
                              String problem, Integer comparison) {
        return new RecursiveReport(ident(), thread, next, held, heldLocks, stack, problem, comparison);
    }

    /**
     * print_circular_bug for a cycle closed by {@code held -> next}: an acquisition of {@code next} while
     * holding {@code held}, or, when {@code signalling}, a signal of the event {@code held} by a context
     * that took {@code next}.
     *
     * @param nextStack where {@code next} was taken (#0's stack)
     * @param backtrace the current stack
     */
    CircularReport circular(String thread, List<LockRef> heldLocks, End held, End next, List<Frame> nextStack,
                            List<ChainLink.Note> nextNotes, List<Frame> backtrace, List<Dependency> path,
                            boolean signalling, String problem) {
        // Printed from #N (the held lock's class) down to #0 (the new lock, with the current stack); each
        // class with the stack of the dependency that leads into it.
        List<ChainLink> chain = new ArrayList<>();
        for (int k = path.size() - 1; k >= 0; k--) {
            Dependency d = path.get(k);
            List<ChainLink.Note> notes = new ArrayList<>(queuedNote(d.to()));
            if (!d.signalStack().isEmpty()) {
                notes.add(0, signalNote(d.from(), d.signalStack()));
            }
            chain.add(new ChainLink(k + 1, d.to().key(), d.to().bareName(), d.to().decoratedName(), d.firstStack(), notes));
        }
        chain.add(new ChainLink(0, next.lockClass().key(), next.lockClass().bareName(), next.lockClass().decoratedName(), nextStack, nextNotes));
        String parent = path.get(path.size() - 1).from().bareName();
        List<String> instancePath = InstanceTriage.closingInstances(path, held.serial(), next.serial());
        return new CircularReport(ident(), thread, next.ref(), held.ref(), chain, parent,
                instancePath != null, instancePath == null ? List.of() : instancePath, heldLocks, backtrace,
                problem, signalling);
    }

    /**
     * A cycle of instances of one class ({@code cycle}: the pairs from the new lock's instance round to
     * the held one, then this acquisition): lockdep's circular report, on instances, confirmed.
     */
    CircularReport instanceCycle(HeldLocks t, int held, LockRef next, LockClass c, List<SameClassNesting.Pair> cycle,
                                 String problem) {
        List<ChainLink> chain = new ArrayList<>();
        List<String> instances = new ArrayList<>();
        instances.add(Binding.instanceId(cycle.get(0).outer()));
        for (int k = cycle.size() - 2; k >= 0; k--) {
            chain.add(new ChainLink(k + 1, c.key(), c.bareName(), c.decoratedName(), cycle.get(k).stack(), List.of()));
        }
        for (SameClassNesting.Pair p : cycle) {
            instances.add(Binding.instanceId(p.inner()));
        }
        List<Frame> stack = cycle.get(cycle.size() - 1).stack();
        chain.add(new ChainLink(0, c.key(), c.bareName(), c.decoratedName(), stack, List.of()));
        return new CircularReport(ident(), t.threadLabel(), next, heldRef(t, held), chain, c.bareName(), true,
                instances, heldLocks(t), stack, problem, false);
    }

    /** Under the new lock's entry: where the first task of a work item's class was queued. */
    static List<ChainLink.Note> queuedNote(LockClass c) {
        return c.queued().isEmpty() ? List.of()
                : List.of(new ChainLink.Note("... and the first task of this class was queued at:", c.queued()));
    }

    static ChainLink.Note signalNote(LockClass event, List<Frame> stack) {
        return new ChainLink.Note("... and then " + event.bareName() + " was signalled at:", stack);
    }

    /** print_unlock_imbalance_bug. */
    BadUnlockReport badUnlock(HeldLocks t, LockClass c, Frame at, String problem) {
        return new BadUnlockReport(ident(), t.threadLabel(), c.bareName(), at, heldLocks(t), stack(), problem);
    }

    /** debug_check_no_locks_held at a thread's exit. */
    HeldAtExitReport heldAtExit(HeldLocks t, String problem) {
        return new HeldAtExitReport(ident(), t.threadLabel(), heldLocks(t), stack(), problem);
    }

    StarvationReport starvation(HeldLocks t, LockClass pool, int workers, LockClass waitedOn, Frame at, String problem) {
        return new StarvationReport(ident(), t.threadLabel(), pool.bareName(), workers, waitedOn.bareName(), at,
                heldLocks(t), stack(), problem);
    }

    WarningReport warning(HeldLocks t, String message, Frame at, List<Frame> stack, String problem) {
        return new WarningReport(ident(), t.threadLabel(), message, at, heldLocks(t), stack, problem);
    }

    /**
     * process_one_work's "BUG: workqueue leaked lock or atomic", with the locks the task left held (from
     * held entry {@code from} up): checked, as the kernel does, once the task's own maps are released.
     */
    WarningReport leaked(HeldLocks t, int from, LockClass task, Frame at, String problem) {
        String message = "BUG: workqueue leaked lock or atomic: " + t.threadLabel() + "\n     last function: "
                + task.bareName();
        return new WarningReport(ident(), t.threadLabel(), message, at, heldLocks(t, from), stack(), problem);
    }

    /** print_lockdep_off's "BUG: ... too low!", a warning with no place of its own. */
    WarningReport limit(HeldLocks t, String option, int limit, String what) {
        String message = "BUG: " + option + " too low! (" + limit + " " + what + "; raise the agent option "
                + option + ")\nturning off the locking correctness validator.";
        return warning(t, message, sites.get(SiteRegistry.UNKNOWN).frame(), stack(), ProblemKey.limit(option));
    }

    /**
     * The hung-task detector's report, with {@code debug_show_all_locks}: {@code held} is what the stuck
     * thread holds, {@code all} every thread the watchdog follows.
     */
    StallReport stall(HeldLocks stuck, List<LockRef> held, String state, int seconds, List<Frame> stack,
                      List<HeldLocks> all, List<String> waits, String problem) {
        List<StallReport.ThreadLocks> everyone = new ArrayList<>();
        for (HeldLocks t : all) {
            List<LockRef> locks = heldLocks(t);
            if (!locks.isEmpty()) {
                everyone.add(new StallReport.ThreadLocks(t.threadLabel(), locks));
            }
        }
        return new StallReport(ident(), stuck.threadLabel(), state, seconds, held, stack, everyone, waits, problem);
    }

    /** The JVM and agent, then whether anything was reported before, as the kernel's taint flags. */
    private String ident() {
        return ident + (problems.tainted() ? " Tainted: W" : " Not tainted");
    }

    /** The current stack, without the agent's frames. */
    List<Frame> stack() {
        return Stacks.current(stackDepth);
    }

    /** The current thread's stack, made into frames only if read (see {@link CapturedStack}). */
    List<Frame> capturedStack() {
        return Stacks.captured(stackDepth);
    }

    LockRef heldRef(HeldLocks t, int i) {
        HeldLocks.Entry h = t.at(i);
        return lockRef(h.serial, classes.byId(h.classId), h.mode, h.site);
    }

    LockRef lockRef(long serial, LockClass c, int mode, int site) {
        return lockRef(serial, c, mode, sites.get(site).frame());
    }

    static LockRef lockRef(long serial, LockClass c, int mode, Frame at) {
        return new LockRef(Binding.instanceId(serial), c.key(), c.bareName(), c.decoratedName(), mode, at);
    }

    /** The thread's held locks, outermost first; for another thread, as far as they hold still while read. */
    List<LockRef> heldLocks(HeldLocks t) {
        return heldLocks(t, 0);
    }

    /** The thread's held locks from entry {@code from} up. */
    private List<LockRef> heldLocks(HeldLocks t, int from) {
        List<LockRef> held = new ArrayList<>();
        HeldLocks.Entry[] stack = t.stack;
        for (int i = from, n = Math.min(t.depth, stack.length); i < n; i++) {
            HeldLocks.Entry h = stack[i];
            LockClass c = classes.byId(h.classId);
            if (c != null) {
                held.add(lockRef(h.serial, c, h.mode, h.site));
            }
        }
        return held;
    }
}
