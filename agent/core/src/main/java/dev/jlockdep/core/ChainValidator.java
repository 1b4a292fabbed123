package dev.jlockdep.core;

import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.Report;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * lockdep's {@code validate_chain}: an acquisition on a held-lock chain not validated before is checked
 * for recursion ({@code check_deadlock}) and adds its dependencies ({@code check_prevs_add}), each of
 * which may close a cycle ({@code check_prev_add}, {@code check_noncircular}); the chain is then cached,
 * so that the next acquisition on it costs a look-up.
 */
final class ChainValidator {
    /** Mixed into the chain key below an acquisition made with interrupts disabled. */
    private static final long IRQS_OFF_CHAIN = 0x5DEECE66DL;

    private final GraphLock graphLock;
    private final ProblemLog problems;
    private final ReportFactory reports;
    /**
     * The deepest held-lock stack seen. Updated on the slow paths only: a stack deeper than any before
     * has a chain never seen before, which the fast paths cannot take.
     */
    private volatile int maxDepth;

    ChainValidator(GraphLock graphLock, ProblemLog problems, ReportFactory reports) {
        this.graphLock = graphLock;
        this.problems = problems;
        this.reports = reports;
    }

    /** The chain key of the thread's held stack; with interrupts disabled the chain is another one. */
    static long chainKey(HeldLocks t) {
        return !t.irqsOff() ? t.topChainKey() : t.topChainKey() ^ IRQS_OFF_CHAIN;
    }

    /**
     * Pushes an acquisition that is not a reentry, first validating its chain unless the chain is
     * cached, it is a trylock, or {@code noNewOrder} (a writer taking its own read lock).
     */
    void take(HeldLocks t, Object lock, Binding b, LockClass c, int mode, int site, boolean trylock,
              boolean noNewOrder) {
        long key = ChainCache.extend(chainKey(t), c.id(), mode);
        boolean validated = graphLock.chains.contains(key);
        if (!trylock && !noNewOrder && !validated) {
            validate(t, b, c, mode, site, key);
            validated = true;
        } else if (!c.hasUsage(mode, !t.irqsOff())) {
            synchronized (graphLock) { // a trylock orders nothing but is a use all the same
                c.markUsed(mode, !t.irqsOff());
            }
        }
        t.push(lock, b.serial(), c.id(), mode, trylock, site, key, validated, c.subclass() != 0 || t.irqsOff(),
                !t.holdsClass(c.id()));
        if (t.depth > maxDepth) {
            maxDepth = t.depth; // racy, and only ever too low by a concurrent update: fine for a statistic
        }
    }

    int maxDepth() {
        return maxDepth;
    }

    /** validate_chain for a chain not seen before: check_deadlock, then check_prevs_add. */
    void validate(HeldLocks t, Binding b, LockClass c, int mode, int site, long key) {
        Report r;
        synchronized (graphLock) {
            if (!graphLock.chains.add(key)) {
                return;
            }
            c.markUsed(mode, !t.irqsOff());
            Acquisition next = new Acquisition(t, b, c, mode, site);
            r = checkRecursion(next);
            if (r == null) {
                r = addDependencies(next);
            }
            problems.record(r);
        }
        problems.emit(r);
    }

    /** The acquisition being validated, and its stack, captured once and shared by its new edges. */
    private final class Acquisition {
        final HeldLocks thread;
        final Binding binding;
        final LockClass lockClass;
        final int mode;
        final int site;
        private List<Frame> stack;

        Acquisition(HeldLocks thread, Binding binding, LockClass lockClass, int mode, int site) {
            this.thread = thread;
            this.binding = binding;
            this.lockClass = lockClass;
            this.mode = mode;
            this.site = site;
        }

        List<Frame> stack() {
            if (stack == null) {
                stack = reports.stack();
            }
            return stack;
        }

        LockRef ref() {
            return reports.lockRef(binding.serial(), lockClass, mode, site);
        }

        ReportFactory.End end() {
            return new ReportFactory.End(lockClass, binding.serial(), ref());
        }
    }

    /** check_deadlock: a lock of a class already held, unless a recursive read after a read. */
    private Report checkRecursion(Acquisition next) {
        HeldLocks t = next.thread;
        for (int i = 0; i < t.depth; i++) {
            if (t.at(i).classId != next.lockClass.id()) {
                continue;
            }
            if (next.mode == LockMode.RECURSIVE_READ && t.at(i).mode != LockMode.EXCLUSIVE) {
                continue;
            }
            String problem = ProblemKey.recursive(next.lockClass.key(), next.lockClass.subclass());
            if (!problems.isNew(problem)) {
                return null;
            }
            return reports.recursive(t, next.ref(), i, next.stack(), problem);
        }
        return null;
    }

    /**
     * check_prevs_add: a dependency from the top held lock to the new one, and from each trylock above
     * the first blocking acquisition (lower locks are reached through the top one already).
     */
    private Report addDependencies(Acquisition next) {
        HeldLocks t = next.thread;
        Report found = null;
        for (int i = t.depth - 1; i >= 0; i--) {
            Report r = addDependency(t, i, next);
            if (found == null) {
                found = r;
            }
            if (!t.at(i).trylock) {
                break;
            }
        }
        return found;
    }

    /** check_prev_add for held entry i and the new lock. */
    private Report addDependency(HeldLocks t, int i, Acquisition next) {
        HeldLocks.Entry h = t.at(i);
        LockClass held = graphLock.byId(h.classId);
        List<Dependency> path = graphLock.link(t.threadLabel(), held, h.mode, h.serial, next.lockClass, next.mode,
                next.binding.serial(), next::stack, List.of());
        if (path == null) {
            return null;
        }
        return circular(t, new ReportFactory.End(held, h.serial, reports.heldRef(t, i)), next.end(), next.stack(),
                ReportFactory.queuedNote(next.lockClass), next.stack(), path, false);
    }

    /**
     * The report of a cycle closed by {@code held -> next} (see {@link ReportFactory#circular}), if the
     * cycle is a new problem: one per set of classes on it.
     */
    Report circular(HeldLocks t, ReportFactory.End held, ReportFactory.End next, List<Frame> nextStack,
                    List<ChainLink.Note> nextNotes, List<Frame> backtrace,
                    List<Dependency> path, boolean signalling) {
        String problem = circularKey(path);
        if (!problems.isNew(problem)) {
            return null;
        }
        return reports.circular(t, held, next, nextStack, nextNotes, backtrace, path, signalling, problem);
    }

    /** The problem key of a cycle: the set of its classes, each with its subclass. */
    private static String circularKey(List<Dependency> path) {
        Set<String> cycle = new HashSet<>();
        for (Dependency d : path) {
            cycle.add(d.from().member());
            cycle.add(d.to().member());
        }
        return ProblemKey.circular(cycle);
    }
}
