package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.Report;
import java.util.List;
import java.util.function.Supplier;

/**
 * Events, as DEPT (the kernel's proposed successor to lockdep, kept apart from it as its own
 * subsystem) has them: a latch's count reaching zero, a permit, a condition's signal, a thread's end.
 * Each synchronizer's event is a pseudo-lock class, "(latch)Service.ready". Waiting for it runs an
 * acquisition's checks without holding anything (lockdep's lock_sync), so the locks held while waiting
 * come before it; a signal makes the event depend on the locks its thread's context took (the
 * outermost ones since the thread's last wait, its start, or its task's start). "Hold L, wait for an
 * event whose signaller takes L first" is a cycle, seen whichever side ran first.
 */
final class EventValidator {
    private static final long SIGNAL_CHAIN = 0x2545F4914F6CDD1DL;

    private final ClassBinder binder;
    private final GraphLock graphLock;
    private final ChainValidator chains;
    private final ProblemLog problems;
    private final ReportFactory reports;
    private final SiteRegistry sites;
    /** Signals of thread ends not named yet, by thread (see {@link #signal}); under the graph lock. */
    private final IdentityWeakMap<Signal> unnamedSignals = new IdentityWeakMap<>();

    EventValidator(ClassBinder binder, GraphLock graphLock, ChainValidator chains, ProblemLog problems,
                   ReportFactory reports, SiteRegistry sites) {
        this.binder = binder;
        this.graphLock = graphLock;
        this.chains = chains;
        this.problems = problems;
        this.reports = reports;
        this.sites = sites;
    }

    /** Names a synchronizer's event where the application makes it: after its field, or the site. */
    void created(Object sync, int site, String kind) {
        entry(sync, site, kind);
    }

    /** Whether the thread's wait for this event was validated before (a look-up, without agent mode). */
    boolean waitKnown(HeldLocks t, Object sync, String kind) {
        InstanceTable.Entry e = binder.event(sync, kind);
        return e != null && graphLock.chains.contains(waitKey(t, e.binding.lockClass()));
    }

    /** The thread is about to wait, untimed, for the event of {@code sync}. */
    void await(HeldLocks t, Object sync, int site, String kind) {
        InstanceTable.Entry e = entry(sync, site, kind);
        LockClass c = e.binding.lockClass();
        chains.validate(t, null, e.binding, c, LockMode.EXCLUSIVE, site, waitKey(t, c), false);
    }

    /**
     * Whether this signal of the thread's context (from note {@code from}, see {@link HeldLocks#signalFrom})
     * was validated before (a look-up, without agent mode).
     */
    boolean signalKnown(HeldLocks t, Object sync, String kind, int from) {
        InstanceTable.Entry e = binder.event(sync, kind);
        return e != null && graphLock.chains.contains(signalKey(t, e.binding.lockClass(), from));
    }

    /**
     * The thread signals the event of {@code sync}: the event depends on its context's locks. With
     * {@code bind} false (a signal that names no event, such as a thread's end: a thread that no
     * instrumented code made or joined has no name worth a class), an event not named yet keeps the
     * signal, weakly, until something names it: a join after the end, or code that made the thread and
     * names it only after it ran.
     */
    void signal(HeldLocks t, Object sync, int site, String kind, boolean bind, int from) {
        if (bind) {
            InstanceTable.Entry e = entry(sync, site, kind);
            if (e != null) {
                signal(t, e.binding, site, () -> Signal.of(t, from, reports.stack()), from);
            }
            return;
        }
        Signal signal = Signal.of(t, from, reports.stack());
        InstanceTable.Entry e = binder.eventOrElse(sync, kind, () -> {
            synchronized (graphLock) {
                unnamedSignals.put(sync, signal);
            }
        });
        if (e != null) {
            signal(t, e.binding, site, () -> signal, from);
        }
    }

    /** The event of {@code sync}, bound now if it was not (a thread's end then takes the signal kept for it). */
    InstanceTable.Entry entry(Object sync, int site, String kind) {
        return binder.eventEntry(sync, site, kind, (named, event) -> {
            if (!kind.equals(EventKinds.THREAD)) {
                return; // only a thread's end is kept for a name (see signal)
            }
            synchronized (graphLock) {
                Signal before = unnamedSignals.remove(named);
                if (before != null) {
                    addSignal(null, event, SiteRegistry.UNKNOWN, before); // a new class: no cycle to close yet
                }
            }
        });
    }

    private static long waitKey(HeldLocks t, LockClass event) {
        return ChainCache.extend(ChainValidator.chainKey(t), event.id(), LockMode.EXCLUSIVE);
    }

    /** A signal's key in the chain cache: the event and its context's set of classes (from note {@code from}). */
    private static long signalKey(HeldLocks t, LockClass event, int from) {
        return ChainCache.extend(t.contextKeyFrom(from) ^ SIGNAL_CHAIN, event.id(), LockMode.EXCLUSIVE);
    }

    /**
     * The signal's context and stack are copied only for a signal not validated before: the first signal
     * of each new instance comes here, before its event was bound, and most were seen on another instance.
     */
    private void signal(HeldLocks t, Binding event, int site, Supplier<Signal> signal, int from) {
        long key = signalKey(t, event.lockClass(), from);
        if (graphLock.chains.contains(key)) {
            return;
        }
        Signal copied = signal.get();
        Report r;
        synchronized (graphLock) {
            if (!graphLock.chains.add(key)) {
                return;
            }
            r = addSignal(t, event, site, copied);
            problems.record(r);
        }
        problems.emit(r);
    }

    /** A signal's context, copied: the outermost locks its thread took since its last wait (from note {@code from}). */
    private record Signal(int count, int[] classes, long[] serials, int[] modes, int[] sites, String thread,
                          List<Frame> stack) {
        static Signal of(HeldLocks t, int from, List<Frame> stack) {
            int n = 0;
            int[] classes = new int[t.contextCount];
            long[] serials = new long[t.contextCount];
            int[] modes = new int[t.contextCount];
            int[] sites = new int[t.contextCount];
            for (int i = 0; i < t.contextCount; i++) {
                if (t.notedSince(i, from)) {
                    classes[n] = t.contextClass[i];
                    serials[n] = t.contextSerial[i];
                    modes[n] = t.contextMode[i];
                    sites[n++] = t.contextSite[i];
                }
            }
            return new Signal(n, classes, serials, modes, sites, t.threadLabel(), stack);
        }
    }

    /**
     * The event's dependencies on the locks of a signal's context (under the graph lock); the report of
     * the first that closes a cycle, if the signalling thread {@code t} is the current one (not a replay).
     */
    private Report addSignal(HeldLocks t, Binding event, int site, Signal s) {
        LockClass ev = event.lockClass();
        ev.markUsed(LockMode.EXCLUSIVE, true);
        Report r = null;
        for (int i = 0; i < s.count(); i++) {
            LockClass taken = graphLock.byId(s.classes()[i]);
            if (taken == null || taken == ev) {
                continue;
            }
            long serial = s.serials()[i];
            int mode = s.modes()[i];
            List<Frame> at = List.of(sites.get(s.sites()[i]).frame());
            // The context's locks are known by class and serial only: who took them is not followed here.
            List<Dependency> path = graphLock.link(s.thread(), new GraphLock.Taken(ev, LockMode.EXCLUSIVE, event.serial()),
                    new GraphLock.Taken(taken, mode, serial), () -> at, s.stack(), Dependency.Gates.NONE, false);
            if (path != null && r == null && t != null) {
                // A signal from a place without a site (a thread's end) is at its stack's top.
                Frame signalled = site == SiteRegistry.UNKNOWN && !s.stack().isEmpty() ? s.stack().get(0)
                        : sites.get(site).frame();
                ReportFactory.End held = new ReportFactory.End(ev, event.serial(),
                        ReportFactory.lockRef(event.serial(), ev, LockMode.EXCLUSIVE, signalled));
                ReportFactory.End next = new ReportFactory.End(taken, serial,
                        reports.lockRef(serial, taken, mode, s.sites()[i]));
                r = chains.circular(t.threadLabel(), reports.heldLocks(t), held, next, at, List.of(ReportFactory.signalNote(ev, s.stack())), s.stack(),
                        path, graphLock.dependency(ev, taken), true);
            }
        }
        return r;
    }
}
