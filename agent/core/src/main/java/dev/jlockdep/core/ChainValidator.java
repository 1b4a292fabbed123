package dev.jlockdep.core;

import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.Report;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * lockdep's {@code validate_chain}: an acquisition on a held-lock chain not validated before is checked
 * for recursion ({@code check_deadlock}) and adds its dependencies ({@code check_prevs_add}), each of
 * which may close a cycle ({@code check_prev_add}, {@code check_noncircular}); the chain is then cached,
 * so that the next acquisition on it costs a look-up. Every acquisition that reaches here also records
 * who took the instance, and, for an instance taken inside another of its class, the pair of them.
 */
final class ChainValidator {
    /** Mixed into the chain key of a dependency that is not an acquisition (see {@link #dependOn}). */
    private static final long DEPENDENCY_ONLY = 0x2545F4914F6CDD1DL;
    /** Mixed into the chain key below an acquisition made with interrupts disabled. */
    private static final long IRQS_OFF_CHAIN = 0x5DEECE66DL;
    /**
     * Mixed into the chain key cached for an acquisition taken where it was made (see {@link Birth}): its
     * dependency on the top lock is a start-up's, which a later acquisition on the chain must not take as
     * validated, lest one not taken where it was made leave that dependency a start-up's.
     */
    static final long MADE_HERE_CHAIN = 0x9E3779B97F4A7C15L;
    /** How many other held locks a new dependency keeps as its possible gates. */
    private static final int MAX_GATES = 8;

    private final GraphLock graphLock;
    private final ProblemLog problems;
    private final ReportFactory reports;
    /** Where a held instance's binding is found, for the parent-first order (see {@link #declared}). */
    private final ClassBinder binder;
    /**
     * The deepest held-lock stack seen. Updated on the slow paths only: a stack deeper than any before
     * has a chain never seen before, which the fast paths cannot take.
     */
    private volatile int maxDepth;

    ChainValidator(GraphLock graphLock, ProblemLog problems, ReportFactory reports, ClassBinder binder) {
        this.binder = binder;
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
        long owner = b.owner;
        FirstHolding first = null;
        if (!b.mayBeLeftHeld) {
            if (owner != t.threadId && owner != Binding.SHARED) {
                b.taken(t.threadId);
            }
        } else if (owner != t.threadId) {
            first = owner == 0 ? FirstHolding.begin(t, b) : null;
            if (first == null) {
                settleShared(t, b);
            }
        }
        long key = ChainCache.extend(chainKey(t), c.id(), mode);
        boolean validated = graphLock.chains.contains(key);
        if (!trylock && !noNewOrder && !validated) {
            validated = validate(t, lock, b, c, mode, site, key, Birth.takenWhereMade(t, b));
        } else if (!c.hasUsage(mode, !t.irqsOff())) {
            synchronized (graphLock) { // a trylock orders nothing but is a use all the same
                c.markUsed(mode, !t.irqsOff());
            }
        }
        if (!trylock && mode != LockMode.RECURSIVE_READ) {
            int outer = t.indexOfOther(c.id(), b.serial());
            if (outer >= 0) {
                nested(t, outer, lock, b, c, mode, site);
            }
        }
        t.push(lock, b.serial(), c.id(), mode, trylock, site, key, validated, c.subclass() != 0 || t.irqsOff(),
                !t.holdsClass(c.id()), c.subclass() != 0);
        if (first != null) {
            t.at(t.depth - 1).beginFirstHolding(first);
        }
        if (t.depth > maxDepth) {
            maxDepth = t.depth; // racy, and only ever too low by a concurrent update: fine for a statistic
        }
    }

    /**
     * A lock that may be left held is taken by a thread that is not its first taker: that one's holding,
     * if not settled yet, is settled now, before this thread's dependencies are checked. (The binding is
     * shared already, by this thread, or by the fast path that found it taken first.)
     */
    private void settleShared(HeldLocks t, Binding b) {
        if (b.owner != Binding.SHARED) {
            b.taken(t.threadId);
        }
        if (b.firstHolding != null) {
            settle(b);
        }
    }

    /**
     * Settles the first holding of {@code b}, if not settled yet: the dependencies it held back go into
     * the graph, as each would have gone at its acquisition, and the reports they make are emitted.
     */
    private void settle(Binding b) {
        List<Report> found;
        synchronized (graphLock) {
            found = settleLocked(b);
        }
        found.forEach(problems::emit);
    }

    /** {@link #settle}'s part under the graph lock: the reports found, recorded, to be emitted after. */
    private List<Report> settleLocked(Binding b) {
        FirstHolding h = b.firstHolding;
        if (h == null) {
            return List.of();
        }
        b.firstHolding = null;
        List<Report> found = new ArrayList<>();
        Collection<FirstHolding.Pending> settled = h.settle();
        graphLock.heldBack -= settled.size();
        for (FirstHolding.Pending p : settled) {
            Report r = p instanceof FirstHolding.Order o ? settleOrder(o) : settleRecursion((FirstHolding.Recursion) p);
            if (r != null) {
                problems.record(r);
                found.add(r);
            }
        }
        return found;
    }

    private Report settleOrder(FirstHolding.Order o) {
        FirstHolding.Shown s = o.shown();
        if (s == null) { // in the graph already: its gates narrow, and it closes no cycle
            graphLock.link(null, o.held(), o.next(), List::of, List.of(), o.gates(), o.madeHere());
            return null;
        }
        List<Dependency> path = graphLock.link(s.thread(), o.held(), o.next(), s::stack, List.of(), o.gates(),
                o.madeHere());
        return path == null ? null : closed(o.held(), o.next(), s, path);
    }

    private Report settleRecursion(FirstHolding.Recursion h) {
        return recursive(h.lockClass(), h.comparison(), h::shown);
    }

    /** The report of the cycle {@code path} that the dependency {@code held -> next} closed, as {@code s} shows it. */
    private Report closed(GraphLock.Taken held, GraphLock.Taken next, FirstHolding.Shown s, List<Dependency> path) {
        return circular(s.thread(), s.heldLocks(), new ReportFactory.End(held.lockClass(), held.serial(), s.heldRef()),
                new ReportFactory.End(next.lockClass(), next.serial(), s.nextRef()), s.stack(),
                ReportFactory.queuedNote(next.lockClass()), s.stack(), path,
                graphLock.dependency(held.lockClass(), next.lockClass()), false);
    }

    /** A first holding ends (released, or given up for a wait): what it held back goes into the graph. */
    void settleEnded(HeldLocks.Entry e) {
        FirstHolding h = e.firstHolding;
        if (h == null) {
            return;
        }
        e.endFirstHolding();
        if (!h.heldBackAny()) { // only its holder holds back, and it is done: nothing for the graph lock
            h.endQuietly();
        } else {
            settle(h.binding);
        }
    }

    int maxDepth() {
        return maxDepth;
    }

    /**
     * validate_chain for a chain not seen before: check_deadlock, then check_prevs_add. {@code lock} is
     * the object taken (null for an event, which has none). One {@code madeHere}, taken where it was made,
     * is cached apart: it returns false, as its chain stays unvalidated for the acquisitions that are not.
     */
    boolean validate(HeldLocks t, Object lock, Binding b, LockClass c, int mode, int site, long chain,
                     boolean madeHere) {
        long key = madeHere ? chain ^ MADE_HERE_CHAIN : chain;
        HeldLocks.Entry top = t.depth > 0 ? t.at(t.depth - 1) : null;
        if (top != null && top.firstHolding != null && top.firstHolding.heldBackOn(key)) {
            return false; // held back on this chain before: a repeat adds nothing
        }
        if (madeHere && graphLock.chains.contains(key)) {
            return false;
        }
        Report r;
        boolean cached;
        synchronized (graphLock) {
            if (graphLock.chains.contains(chain)) {
                return true;
            }
            if (madeHere && graphLock.chains.contains(key)) {
                return false;
            }
            c.markUsed(mode, !t.irqsOff());
            Acquisition next = new Acquisition(t, lock, b, c, mode, site, key, madeHere);
            r = checkRecursion(next);
            if (r == null) {
                r = addDependencies(next);
            }
            problems.record(r);
            // A chain whose dependency was held back is not cached: the next first holding of the class
            // must hold its own back, or settle it.
            cached = !next.heldBack && graphLock.chains.add(key);
        }
        problems.emit(r);
        return cached && !madeHere;
    }

    /** The acquisition being validated, and its stack, captured once and shared by its new edges. */
    private final class Acquisition {
        final HeldLocks thread;
        final Object lock;
        final Binding binding;
        final LockClass lockClass;
        final int mode;
        final int site;
        /** Its chain key, as cached (see {@link #MADE_HERE_CHAIN}). */
        final long key;
        /** Taken under the top lock in the holding it was made in (see {@link Birth}). */
        final boolean madeHere;
        /** Whether one of its dependencies was held back by a first holding. */
        boolean heldBack;
        private List<Frame> stack;

        Acquisition(HeldLocks thread, Object lock, Binding binding, LockClass lockClass, int mode, int site, long key,
                    boolean madeHere) {
            this.key = key;
            this.madeHere = madeHere;
            this.thread = thread;
            this.lock = lock;
            this.binding = binding;
            this.lockClass = lockClass;
            this.mode = mode;
            this.site = site;
        }

        List<Frame> stack() {
            if (stack == null) {
                stack = reports.capturedStack();
            }
            return stack;
        }

        LockRef ref() {
            return reports.lockRef(binding.serial(), lockClass, mode, site);
        }

        GraphLock.Taken taken() {
            return new GraphLock.Taken(lockClass, mode, binding.serial());
        }
    }

    /**
     * check_deadlock: a lock of a class already held, unless a recursive read after a read, or in the
     * order declared for the class's instances.
     */
    private Report checkRecursion(Acquisition next) {
        HeldLocks t = next.thread;
        for (int i = 0; i < t.depth; i++) {
            HeldLocks.Entry h = t.at(i);
            if (h.classId != next.lockClass.id()) {
                continue;
            }
            if (next.mode == LockMode.RECURSIVE_READ && h.mode != LockMode.EXCLUSIVE) {
                continue;
            }
            Integer cmp = next.lock == null ? null : declared(next.lockClass, t, i, next.lock, next.binding);
            if (cmp != null && cmp < 0) {
                continue;
            }
            String problem = ProblemKey.recursive(next.lockClass.key(), next.lockClass.subclass());
            // Not for the very lock held (a read lock's holder taking its write lock, a StampedLock taken
            // twice): its holder is about to wait for itself, and nothing would settle the holding.
            if (h.firstHolding != null && h.serial != next.binding.serial() && h.firstHolding.holdsBack(t.threadId)
                    && !problems.reportedAlready(problem)) {
                holdBack(h, next, new FirstHolding.Recursion(next.lockClass, cmp, shown(t, i, next)));
                continue;
            }
            int held = i;
            return recursive(next.lockClass, cmp, () -> shown(t, held, next));
        }
        return null;
    }

    /** check_deadlock's report of a lock of class {@code c} taken under another of its class, if the problem is new. */
    private Report recursive(LockClass c, Integer cmp, Supplier<FirstHolding.Shown> shown) {
        String problem = ProblemKey.recursive(c.key(), c.subclass());
        if (!problems.isNew(problem)) {
            return null;
        }
        if (cmp == null) { // against a declared order it stays credible, whatever the pairs say
            problems.evidence(problem, TriageRules.Evidence.ofNesting(c));
        }
        FirstHolding.Shown s = shown.get();
        return reports.recursive(s.thread(), s.nextRef(), s.heldRef(), s.heldLocks(), s.stack(), problem, cmp);
    }

    /**
     * check_prevs_add: a dependency from the top held lock to the new one, and from each trylock above
     * the first blocking acquisition (lower locks are reached through the top one already).
     */
    private Report addDependencies(Acquisition next) {
        HeldLocks t = next.thread;
        Report found = null;
        boolean heldBack = next.heldBack; // a recursion held back
        for (int i = t.depth - 1; i >= 0; i--) {
            next.heldBack = false;
            Report r = addDependency(t, i, next);
            if (found == null) {
                found = r;
            }
            // A dependency held back orders nothing yet, not even the locks below it through it: they get
            // their own, as below a trylock.
            heldBack |= next.heldBack;
            if (!t.at(i).trylock && !next.heldBack) {
                break;
            }
        }
        next.heldBack |= heldBack;
        return found;
    }

    /** check_prev_add for held entry i and the new lock; held back if entry i is a first holding not settled. */
    private Report addDependency(HeldLocks t, int i, Acquisition next) {
        HeldLocks.Entry h = t.at(i);
        LockClass held = graphLock.byId(h.classId);
        GraphLock.Taken prev = new GraphLock.Taken(held, h.mode, h.serial);
        Dependency.Gates gates = gates(t, i);
        boolean madeHere = next.madeHere && i == t.depth - 1;
        if (h.firstHolding != null && h.firstHolding.holdsBack(t.threadId)) {
            Dependency d = graphLock.dependency(held, next.lockClass);
            boolean known = d != null && (d.kinds() & Dependency.kindOf(h.mode, next.mode)) != 0;
            if (known && d.gatesHeld(gates) && (madeHere || !d.ontoMadeOnly())) {
                return null; // it would add nothing: the chain is cached as any other
            }
            // A dependency in the graph already needs no stack, nor anything a report would print.
            holdBack(h, next, new FirstHolding.Order(prev, next.taken(), gates, madeHere,
                    known ? null : shown(t, i, next)));
            return null;
        }
        List<Dependency> path = graphLock.link(t.threadLabel(), prev, next.taken(), next::stack, List.of(), gates,
                madeHere);
        return path == null ? null : closed(prev, next.taken(), shown(t, i, next), path);
    }

    /** What a report of held entry {@code i} and the acquisition {@code next} would show now. */
    private FirstHolding.Shown shown(HeldLocks t, int i, Acquisition next) {
        return new FirstHolding.Shown(t.threadLabel(), reports.heldRef(t, i), next.ref(), next.stack(),
                reports.heldLocks(t));
    }

    /** Held entry {@code h}'s first holding holds back {@code p}, made by the acquisition {@code next}; counted. */
    private void holdBack(HeldLocks.Entry h, Acquisition next, FirstHolding.Pending p) {
        if (h.firstHolding.holdBack(p, next.key)) {
            graphLock.heldBack++;
        }
        next.heldBack = true;
    }

    /**
     * The classes of the other locks the thread holds besides entry {@code i}: a dependency's possible
     * gates. A pseudo-lock (a pool's or a task's map, an event) excludes no other thread: never a gate.
     */
    private Dependency.Gates gates(HeldLocks t, int i) {
        int n = Math.max(Math.min(t.depth - 1, MAX_GATES), 0);
        int[] classes = new int[n];
        boolean[] exclusive = new boolean[n];
        int k = 0;
        for (int j = 0; j < t.depth && k < n; j++) {
            HeldLocks.Entry h = t.at(j);
            // A first holding above i that held its dependency back: i's dependency stands for the path
            // through it, which it does not gate.
            boolean heldBackAbove = j > i && h.firstHolding != null && h.firstHolding.holdsBack(t.threadId);
            if (j != i && !heldBackAbove && graphLock.byId(h.classId).waitType() != WaitType.NONE) {
                classes[k] = h.classId;
                exclusive[k++] = h.mode == LockMode.EXCLUSIVE;
            }
        }
        return new Dependency.Gates(Arrays.copyOf(classes, k), Arrays.copyOf(exclusive, k));
    }

    /**
     * A dependency from held entry {@code i} to a lock the thread holds already (or holds reentrantly),
     * with no acquisition of its own: lockdep would see none, but the JVM's class initialization makes
     * one (see {@link ClassInits}). Checked once per chain below {@code i}, as an acquisition is.
     */
    void dependOn(HeldLocks t, int i, Object lock, Binding b, LockClass c, int site) {
        long key = ChainCache.extend(t.at(i).chainKey ^ DEPENDENCY_ONLY, c.id(), LockMode.EXCLUSIVE);
        if (graphLock.chains.contains(key)) {
            return;
        }
        Report r;
        synchronized (graphLock) {
            if (graphLock.chains.contains(key)) {
                return;
            }
            Acquisition next = new Acquisition(t, lock, b, c, LockMode.EXCLUSIVE, site, key, false);
            r = addDependency(t, i, next);
            problems.record(r);
            if (!next.heldBack) {
                graphLock.chains.add(key);
            }
        }
        problems.emit(r);
    }

    /**
     * The report of a cycle closed by {@code held -> next} (see {@link ReportFactory#circular}), if the
     * cycle is a new problem: one per set of classes on it. {@code closing} is that dependency.
     */
    Report circular(String thread, List<LockRef> heldLocks, ReportFactory.End held, ReportFactory.End next, List<Frame> nextStack,
                    List<ChainLink.Note> nextNotes, List<Frame> backtrace, List<Dependency> path, Dependency closing,
                    boolean signalling) {
        String problem = circularKey(path);
        if (!problems.isNew(problem)) {
            return null;
        }
        List<Dependency> cycle = new ArrayList<>(path);
        if (closing != null) {
            cycle.add(closing);
        }
        problems.evidence(problem, TriageRules.Evidence.ofCycle(cycle));
        return reports.circular(thread, heldLocks, held, next, nextStack, nextNotes, backtrace, path, signalling,
                problem);
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

    /**
     * What the order declared for class {@code c} says of taking {@code lock} (bound as {@code inner})
     * inside the lock held at entry {@code held}: below 0 in order, else against; null if none is declared
     * or it says nothing of this pair. Parent first: a child (made while its thread held the other) inside
     * its parent is in order, the parent inside its child against.
     */
    private Integer declared(LockClass c, HeldLocks t, int held, Object lock, Binding inner) {
        Object outerLock = t.lockAt(held);
        if (outerLock == null) { // collected: FreedLocks drops it
            return null;
        }
        if (!c.parentFirst()) {
            return c.compare(outerLock, lock);
        }
        if (inner.createdUnder() == t.at(held).serial) {
            return -1;
        }
        InstanceTable.Entry o = binder.lookUp(outerLock);
        return o != null && o.binding.createdUnder() == inner.serial() ? 1 : null;
    }

    /**
     * An instance taken inside another of its class (held at {@code outer}): the pair is recorded; a
     * pair that closes a cycle of instances (x inside y, y inside x) is a deadlock on those very
     * instances, reported as a circular report that is confirmed. With an order declared for the class,
     * the order decides instead: against it, the nesting is reported at once.
     */
    private void nested(HeldLocks t, int outer, Object lock, Binding inner, LockClass c, int mode, int site) {
        Integer cmp = declared(c, t, outer, lock, inner);
        if (cmp != null) {
            if (cmp >= 0) {
                String problem = ProblemKey.recursive(c.key(), c.subclass());
                Report r;
                synchronized (graphLock) {
                    r = problems.once(problem, () -> reports.recursive(t.threadLabel(), reports.lockRef(inner.serial(),
                            c, mode, site), reports.heldRef(t, outer), reports.heldLocks(t), reports.stack(), problem, cmp));
                }
                problems.emit(r);
            }
            return;
        }
        SameClassNesting nesting = c.nesting();
        if (nesting == null) {
            synchronized (graphLock) {
                nesting = c.nestingRecord();
            }
        }
        if (!nesting.open()) {
            return;
        }
        HeldLocks.Entry o = t.at(outer);
        List<SameClassNesting.Pair> cycle = nesting.record(o.serial, inner.serial(), inner.createdUnder() == o.serial,
                reports::stack);
        t.nestedPair(c.id(), o.serial, inner.serial());
        if (cycle == null) {
            return;
        }
        String problem = ProblemKey.circular(Set.of(c.member()));
        Report r;
        synchronized (graphLock) {
            r = problems.once(problem, () -> reports.instanceCycle(t, outer, reports.lockRef(inner.serial(), c, mode,
                    site), c, cycle, problem));
            if (r != null) {
                problems.evidence(problem, TriageRules.Evidence.ofInstanceCycle(c));
            }
        }
        problems.emit(r);
    }
}
