package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

/**
 * lockdep's {@code lockdep_lock}, taken through {@code graph_lock()}: this object's monitor guards the
 * class registry, the dependency graph, the stored stacks, the chain cache's writes and the
 * {@link ProblemLog}, and its methods are called with it held. It also keeps the limits on what they
 * store ({@code MAX_LOCKDEP_KEYS}, {@code _ENTRIES}, {@code MAX_STACK_TRACE_ENTRIES}): reaching one
 * sounds the alarm, which reports it and turns validation off. Taken after, never around, the binding
 * lock of {@link ClassBinder}.
 */
final class GraphLock {
    /** Says that a limit was reached (under this lock). */
    interface LimitAlarm {
        void reached(String option, int limit, String what);
    }

    final LockClassRegistry classes = new LockClassRegistry();
    /** Dependencies first holdings hold back now (see {@link FirstHolding}), for the dump's statistics. */
    int heldBack;
    /** Read without the lock (see {@link ChainCache}); added to under it. */
    final ChainCache chains;
    private final LockGraph graph = new LockGraph();
    private final StackTable stacks = new StackTable();
    private final Limits limits;
    private final LimitAlarm alarm;

    GraphLock(Limits limits, LimitAlarm alarm) {
        this.limits = limits;
        this.alarm = alarm;
        this.chains = new ChainCache(limits.chains());
    }

    /** The class of {@code key} at {@code subclass}, registered if new; the one too many sounds the alarm. */
    LockClass register(String key, String name, int subclass, WaitType waitType) {
        LockClass c = classes.lookup(key, name, subclass, waitType);
        if (classes.size() > limits.classes()) {
            alarm.reached("maxClasses", limits.classes(), "lock classes");
        }
        return c;
    }

    LockClass byId(int id) {
        return classes.byId(id);
    }

    /** The dependency {@code from -> to}, or null. */
    Dependency dependency(LockClass from, LockClass to) {
        return graph.edge(from, to);
    }

    Collection<Dependency> dependencies() {
        return graph.edges();
    }

    int dependencyCount() {
        return graph.size();
    }

    /** One end of a dependency: a lock class taken in a mode, and the instance. */
    record Taken(LockClass lockClass, int mode, long serial) {
    }

    /**
     * check_prev_add for {@code prev -> next}: the shortest path back from next to prev, which closes a
     * cycle (null if there is none); then the dependency is added, or gains this kind and instance pair.
     * A limit reached adds nothing and finds no cycle.
     *
     * @param signalStack for an event's dependency, where it was signalled; else empty
     * @param gates       the other locks held (see {@link Dependency#narrow})
     * @param madeHere    whether next was made in this holding of prev (see {@link Birth})
     */
    List<Dependency> link(String thread, Taken prev, Taken next, Supplier<List<Frame>> stack, List<Frame> signalStack,
                          Dependency.Gates gates, boolean madeHere) {
        int kind = Dependency.kindOf(prev.mode(), next.mode());
        Dependency d = graph.edge(prev.lockClass(), next.lockClass());
        if (d != null && (d.kinds() & kind) != 0) {
            // Searched when this kind was added; any cycle through it since was searched by its newer edge.
            d.addInstances(prev.serial(), next.serial());
            narrow(d, thread, stack, gates, madeHere);
            return null;
        }
        List<Dependency> path = graph.strongPath(next.lockClass(), prev.lockClass(),
                next.mode() == LockMode.RECURSIVE_READ, prev.mode() == LockMode.EXCLUSIVE);
        if (d == null) {
            if (graph.size() >= limits.dependencies()) {
                alarm.reached("maxDependencies", limits.dependencies(), "dependencies");
                return null;
            }
            List<Frame> first = stacks.intern(stack.get(), limits.stackFrames());
            List<Frame> signalled = stacks.intern(signalStack, limits.stackFrames());
            if (first == null || signalled == null) {
                alarm.reached("maxStackFrames", limits.stackFrames(), "stack frames");
                return null;
            }
            d = new Dependency(prev.lockClass(), next.lockClass(), kind, first, thread, signalled, gates, madeHere);
            graph.add(d);
        } else {
            d.addKind(kind);
            narrow(d, thread, stack, gates, madeHere);
        }
        d.addInstances(prev.serial(), next.serial());
        return path == null || path.isEmpty() ? null : path;
    }

    /**
     * Narrows {@code d} by one more time it was made; the first time it was made onto a lock not made there
     * becomes the stack it shows, as a start-up's stack would hide the path that can deadlock.
     */
    private void narrow(Dependency d, String thread, Supplier<List<Frame>> stack, Dependency.Gates gates,
                        boolean madeHere) {
        if (d.ontoMadeOnly() && !madeHere && thread != null) {
            List<Frame> now = stacks.intern(stack.get(), limits.stackFrames());
            if (now != null && !now.isEmpty()) {
                d.shownAt(thread, now);
            }
        }
        d.narrow(gates, madeHere);
    }
}
