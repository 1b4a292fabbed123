package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.LockSupport;

/**
 * Who waits for whom, for the watchdog: the threads that have waited its threshold or more, in an
 * untimed wait the hooks recorded (a monitor's, a condition's, a latch's, a permit's, a join) or
 * blocked taking a lock; what each waits for, and the thread it waits for: a lock's owner, the thread it
 * joins, or the thread that signalled the event last. Used by the watchdog's thread only.
 */
final class WaitsFor {
    /**
     * One thread's wait.
     *
     * @param waitsFor the thread it waits for, or null if none is known
     * @param recorded its recorded wait, or null if it is blocked taking a lock
     */
    record Waiter(HeldLocks thread, String what, HeldLocks waitsFor, String whom, ThreadWait recorded) {
        String line() {
            return thread.threadLabel() + " " + what + ", " + whom;
        }
    }

    private final SiteRegistry sites;
    private final LockClassRegistry classes;
    private final ClassInits inits;
    private final long thresholdNanos;
    /** Since when each thread has been blocked on the same lock object (by identity hash), as sampled. */
    private final Map<HeldLocks, long[]> blockedSince = new IdentityHashMap<>();
    /** Whether each recorded wait that its end does not clear (a latch's, a join) was found still on. */
    private final Map<ThreadWait, Boolean> stillOn = new IdentityHashMap<>();
    private ThreadMXBean threadBean;

    WaitsFor(SiteRegistry sites, LockClassRegistry classes, ClassInits inits, long thresholdNanos) {
        this.sites = sites;
        this.inits = inits;
        this.classes = classes;
        this.thresholdNanos = thresholdNanos;
    }

    /** The threads, of {@code threads}, that have waited the threshold or more at {@code now}. */
    List<Waiter> stuck(long now, List<HeldLocks> threads) {
        Map<Thread, HeldLocks> byThread = new IdentityHashMap<>();
        for (HeldLocks t : threads) {
            byThread.put(t.thread, t);
        }
        blockedSince.keySet().retainAll(byThread.values());
        List<Waiter> stuck = new ArrayList<>();
        Map<Long, ClassInitWaits.Wait> jvmSays = null; // asked once, if needed
        for (HeldLocks t : threads) {
            Thread.State state = t.thread.getState();
            ThreadWait w = t.waiting;
            // A thread waiting for a class's initialization shows as running; it waits, however short.
            boolean forClass = w != null && w.kind().equals(EventKinds.CLINIT);
            if (forClass || state == Thread.State.WAITING && w != null && now - w.since() >= thresholdNanos
                    && inWait(t, w)) {
                stuck.add(waiter(t, w, byThread));
            } else if (blocked(t, state, now)) {
                Waiter blocked = blockedWaiter(t, byThread);
                if (blocked != null) {
                    stuck.add(blocked);
                }
            } else if (state == Thread.State.RUNNABLE && w == null && inits.runningFor(now - thresholdNanos)) {
                if (jvmSays == null) {
                    jvmSays = ClassInitWaits.now();
                }
                Waiter initWaiter = initWaiter(t, jvmSays);
                if (initWaiter != null) {
                    stuck.add(initWaiter);
                }
            }
        }
        stillOn.keySet().removeIf(w -> threads.stream().noneMatch(t -> t.waiting == w));
        return stuck;
    }

    /**
     * The waits around one thread: the chain of waiters from it (it waits for the next, which waits for
     * the next...), then the other waiters that wait for it; empty if it neither waits nor is waited for.
     */
    static List<Waiter> around(HeldLocks thread, List<Waiter> stuck) {
        Map<HeldLocks, Waiter> byThread = new IdentityHashMap<>();
        stuck.forEach(w -> byThread.put(w.thread(), w));
        List<Waiter> around = new ArrayList<>();
        for (Waiter w = byThread.get(thread); w != null && !around.contains(w); w = byThread.get(w.waitsFor())) {
            around.add(w);
        }
        for (Waiter w : stuck) {
            if (w.waitsFor() == thread && !around.contains(w)) {
                around.add(w);
            }
        }
        return around;
    }

    /** A cycle of waiters each waiting for the next, the last for the first; empty if there is none. */
    static List<Waiter> cycle(List<Waiter> stuck) {
        Map<HeldLocks, Waiter> byThread = new IdentityHashMap<>();
        stuck.forEach(w -> byThread.put(w.thread(), w));
        for (Waiter start : stuck) {
            List<Waiter> path = new ArrayList<>();
            Waiter w = start;
            while (w != null && !path.contains(w)) {
                path.add(w);
                w = w.waitsFor() == null ? null : byThread.get(w.waitsFor());
            }
            if (w != null) {
                return path.subList(path.indexOf(w), path.size());
            }
        }
        return List.of();
    }

    /**
     * Whether the thread is still in its recorded wait: a monitor's or condition's record is cleared when
     * the wait ends; another (a latch's, a join) is looked for in the thread's stack, once.
     */
    private boolean inWait(HeldLocks t, ThreadWait w) {
        if (w.counted()) {
            return true;
        }
        return stillOn.computeIfAbsent(w, unused -> {
            Frame at = sites.get(w.site()).frame();
            for (StackTraceElement e : t.thread.getStackTrace()) {
                if (e.getClassName().equals(at.className()) && e.getMethodName().equals(at.methodName())
                        && e.getLineNumber() == at.line()) {
                    return true;
                }
            }
            return false;
        });
    }

    private Waiter waiter(HeldLocks t, ThreadWait w, Map<Thread, HeldLocks> byThread) {
        String event = w.event().lockClass().bareName();
        String what = "waits for " + event + " at " + sites.get(w.site()).frame();
        if (w.sync() instanceof ClassInits.Init init) {
            HeldLocks by = init.initializer;
            return new Waiter(t, what, by, by == null ? "whose initialization has ended"
                    : "being initialized by " + by.threadLabel(), w);
        }
        if (w.kind().equals(EventKinds.THREAD) && w.sync() instanceof Thread joined) {
            HeldLocks other = byThread.get(joined);
            return new Waiter(t, what, other, "the end of " + joined.getName() + "/" + joined.getId(), w);
        }
        HeldLocks last = w.event().lockClass().lastSignaller;
        if (last == null || last == t) {
            return new Waiter(t, what, null, "which no other thread has signalled yet", w);
        }
        return new Waiter(t, what, byThread.get(last.thread), "last signalled by " + last.threadLabel(), w);
    }

    /**
     * A running thread that the JVM says waits for a class another thread initializes, where the agent
     * saw no use (from a lambda's class, the JDK's code, reflection); else null.
     */
    private Waiter initWaiter(HeldLocks t, Map<Long, ClassInitWaits.Wait> jvmSays) {
        ClassInitWaits.Wait wait = jvmSays.get(t.threadId);
        ClassInits.Init init = wait == null ? null : inits.running(wait.className());
        HeldLocks by = init == null ? null : init.initializer;
        if (by == null || by == t) {
            return null;
        }
        return new Waiter(t, "waits for (clinit)" + wait.className() + " at " + wait.at(), by,
                "being initialized by " + by.threadLabel(), null);
    }

    /**
     * Whether the thread has been blocked on one lock the threshold or more: a monitor ({@code BLOCKED}),
     * or parked on a lock of {@code java.util.concurrent} (its blocker owned by a thread).
     */
    private boolean blocked(HeldLocks t, Thread.State state, long now) {
        Object blocker = state == Thread.State.WAITING ? LockSupport.getBlocker(t.thread) : null;
        if (state != Thread.State.BLOCKED && !(blocker instanceof AbstractOwnableSynchronizer)) {
            blockedSince.remove(t);
            return false;
        }
        int identity = blocker == null ? 0 : System.identityHashCode(blocker); // a monitor: 0
        long[] since = blockedSince.get(t);
        if (since == null || since[0] != identity) {
            blockedSince.put(t, new long[] {identity, now});
            return false;
        }
        return now - since[1] >= thresholdNanos;
    }

    /** A blocked thread's wait: the lock it is taking (its innermost held entry: validated, not yet got) and its owner. */
    private Waiter blockedWaiter(HeldLocks t, Map<Thread, HeldLocks> byThread) {
        ThreadInfo info = threads().getThreadInfo(t.threadId);
        if (info == null) {
            return null;
        }
        int depth = t.depth;
        String lock = info.getLockName();
        Frame at = null;
        if (depth > 0) {
            HeldLocks.Entry top = t.at(depth - 1);
            LockClass c = classes.byId(top.classId);
            lock = c == null ? lock : c.bareName();
            at = sites.get(top.site).frame();
        }
        String what = "is blocked taking " + lock + (at == null ? "" : " at " + at);
        long ownerId = info.getLockOwnerId();
        if (ownerId < 0) {
            return new Waiter(t, what, null, "whose owner is not known", null);
        }
        HeldLocks owner = null;
        for (HeldLocks other : byThread.values()) {
            if (other.threadId == ownerId) {
                owner = other;
            }
        }
        return new Waiter(t, what, owner, "held by " + info.getLockOwnerName() + "/" + ownerId, null);
    }

    private ThreadMXBean threads() {
        if (threadBean == null) {
            threadBean = ManagementFactory.getThreadMXBean();
        }
        return threadBean;
    }
}
