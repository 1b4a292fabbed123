package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.ProblemKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Wake-ups that may go astray, beyond lockdep: the waits and signals of monitors and conditions, and
 * what each thread waits for while the watchdog runs. A {@code notify()}/{@code signal()} of an event
 * whose waiters waited at two places may wake the wrong one (warned of at the signal); a signal sent
 * when no thread waited, followed by a wait for the same instance outside a loop that re-checks its
 * condition, is lost, and the wait that outlasts the watchdog's threshold is warned of with the lost
 * signal's stack.
 */
final class WakeUps {
    private final ClassBinder binder;
    /** Binds events as every wait and signal does (see {@link EventValidator#entry}). */
    private final EventValidator events;
    private final SiteRegistry sites;
    private final ReportFactory reports;
    private final ProblemLog problems;
    private final GraphLock graphLock;
    private final int stackDepth;
    /** Whether wake-ups that may go astray are warned of (the agent option {@code wakeUps}). */
    private final boolean enabled;
    /** The stack of the first lost signal at each site: one walk per site, not per signal. */
    private final Map<Integer, List<Frame>> lostSignalStacks = new ConcurrentHashMap<>();
    /** Set when the watchdog starts: waits are recorded for it, and signals that find no waiter. */
    private volatile boolean watched;

    WakeUps(ClassBinder binder, EventValidator events, SiteRegistry sites, ReportFactory reports, ProblemLog problems, GraphLock graphLock,
            int stackDepth, boolean enabled) {
        this.enabled = enabled;
        this.events = events;
        this.binder = binder;
        this.sites = sites;
        this.reports = reports;
        this.problems = problems;
        this.graphLock = graphLock;
        this.stackDepth = stackDepth;
    }

    void watch() {
        watched = true;
    }

    boolean watched() {
        return watched;
    }

    /** Whether waiters of this kind of event are woken by a signal that can be lost (a notify, a condition's). */
    private static boolean counted(String kind) {
        return kind.equals(EventKinds.NOTIFY) || kind.equals(EventKinds.CONDITION);
    }

    /**
     * The thread (in agent mode) begins an untimed wait for the event of {@code sync} at {@code site}:
     * the place is remembered for the two-places warning, and, while watched, the thread's wait.
     */
    void waitBegins(HeldLocks t, Object sync, int site, String kind) {
        boolean counted = counted(kind);
        if (!watched && !(enabled && counted)) {
            return;
        }
        Binding event = events.entry(sync, site, kind).binding;
        LostSignal lost = null;
        if (counted) {
            event.waitedAt(site);
            if (watched) {
                event.waiting(1);
                lost = event.lostSignal;
            }
        }
        if (watched) {
            t.waiting = new ThreadWait(sync, kind, site, event, counted, System.nanoTime(), lost);
        }
    }

    /**
     * While watched, the thread waits for a class another thread initializes (see {@link ClassInits}),
     * until {@link #waitEnds}.
     */
    void classWaitBegins(HeldLocks t, Object init, int site, Binding pseudoLock) {
        if (watched) {
            t.waiting = new ThreadWait(init, EventKinds.CLINIT, site, pseudoLock, true, System.nanoTime(), null);
        }
    }

    /** The thread's wait on a monitor or condition is over. */
    static void waitEnds(HeldLocks t) {
        ThreadWait w = t.waiting;
        if (w != null) {
            t.waiting = null;
            if (w.counted() && !w.kind().equals(EventKinds.CLINIT)) {
                w.event().waiting(-1);
            }
        }
    }

    /**
     * Before a signal of the event of {@code sync} at {@code site}, while watched: the thread (in agent
     * mode) is its latest signaller; a notify or a condition's signal that no thread waits for is
     * remembered as lost, for a later wait.
     */
    void signalled(HeldLocks t, Object sync, int site, String kind) {
        if (kind.equals(EventKinds.THREAD)) {
            return;
        }
        InstanceTable.Entry e = binder.event(sync, kind);
        Binding event = (e != null ? e : events.entry(sync, site, kind)).binding;
        LockClass c = event.lockClass();
        if (c.lastSignaller != t) {
            c.lastSignaller = t;
        }
        if (enabled && counted(kind)) {
            event.signalled(t, site, () -> lostSignalStack(site));
        }
    }

    /** The stack of the first lost signal at {@code site}: walked here, not in a map's function, whose frames it would show. */
    private List<Frame> lostSignalStack(int site) {
        List<Frame> stack = lostSignalStacks.get(site);
        if (stack == null) {
            stack = Stacks.current(stackDepth);
            lostSignalStacks.putIfAbsent(site, stack);
        }
        return stack;
    }

    /**
     * Before a {@code notify()} or {@code signal()}: the warning that it may wake the wrong waiter, if the
     * event's waiters waited at two places and this site was not warned of already; else null.
     */
    String waitedForAtTwoPlaces(Object sync, String kind, int site) {
        InstanceTable.Entry e = binder.event(sync, kind);
        int[] waits = e == null ? null : e.binding.twoWaitSites();
        return waits == null || !e.binding.firstWakeOneAt(site) ? null : e.binding.lockClass().bareName()
                + ", which threads waited for at two places:\n    " + sites.get(waits[0]).frame() + "\n    "
                + sites.get(waits[1]).frame();
    }

    /**
     * The watchdog's look at a thread whose wait began {@code seconds} or more ago and is still on: a
     * wait outside a loop, for an event whose last signal was lost before it began, is a lost wake-up,
     * warned of once per wait site and signal site (with the waiter's stack and the signal's).
     */
    void checkLost(HeldLocks waiter, ThreadWait w, int seconds) {
        LostSignal lost = w.lostBefore();
        if (!enabled || lost == null || sites.waitInLoop(w.site())) {
            return;
        }
        Frame at = sites.get(w.site()).frame();
        Frame sentAt = sites.get(lost.site()).frame();
        String eventName = w.event().lockClass().bareName();
        String call = w.kind().equals(EventKinds.NOTIFY) ? "notify" : "signal";
        StringBuilder message = new StringBuilder()
                .append("a wait for ").append(eventName).append(" outside a loop that re-checks its condition has")
                .append(" lasted ").append(seconds).append(" seconds or more: the last ").append(call)
                .append(" came before it began, when no thread waited, and was lost; it was sent by ")
                .append(lost.thread().threadLabel()).append(" at:");
        for (Frame f : lost.stack()) {
            message.append("\n    ").append(f);
        }
        String problem = ProblemKey.warning(at, "lost wake-up: " + sentAt);
        List<Frame> stack = Stacks.of(waiter.thread, stackDepth);
        problems.printedThenRecorded(problem, () -> reports.warning(waiter, message.toString(), at, stack, problem),
                graphLock);
    }
}
