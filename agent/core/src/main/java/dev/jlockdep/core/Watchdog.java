package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.ProblemKey;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hung-task and lockup detector: samples every thread's outermost acquisition count and reports a
 * thread that kept the same outermost lock (a real lock or a pseudo-lock such as a work item's) for the
 * threshold or longer, whether it is blocked or spinning. Beyond the kernel's, it follows the threads'
 * untimed waits: threads that wait for one another round a cycle (for locks, events, joins) are a hang,
 * reported even when they hold nothing, and every stall report says who waits for whom; a wait outside a
 * loop, whose signal was lost before it began, is warned of (see {@link WakeUps}). Called periodically
 * from one agent thread; the hot path pays one increment per outermost acquisition, and only while the
 * watchdog runs.
 */
public final class Watchdog {
    private final Validator validator;
    private final long thresholdNanos;
    private final int thresholdSeconds;
    private final Map<HeldLocks, Sample> samples = new IdentityHashMap<>();
    private final WaitsFor waitsFor;

    /** When a thread was first seen holding its current outermost lock, and whether it was reported. */
    private static final class Sample {
        int outermost;
        long since;
        boolean reported;

        Sample(int outermost, long since) {
            this.outermost = outermost;
            this.since = since;
        }
    }

    public Watchdog(Validator validator, int thresholdSeconds) {
        this.validator = validator;
        this.thresholdSeconds = thresholdSeconds;
        this.thresholdNanos = thresholdSeconds * 1_000_000_000L;
        validator.threads.trackAll();
        validator.watchWaits();
        this.waitsFor = new WaitsFor(validator.sites(), validator.graphLock.classes, validator.classInits(),
                thresholdNanos);
    }

    /** How often {@link #check} should run: often enough to report within a quarter of the threshold. */
    public long periodMillis() {
        return Math.max(50, Math.min(1000, thresholdSeconds * 250L));
    }

    /** One sample of every thread, at {@code now} ({@link System#nanoTime()}). */
    public void check(long now) {
        List<HeldLocks> threads = validator.threads.tracked();
        samples.keySet().retainAll(new HashSet<>(threads));
        List<WaitsFor.Waiter> stuck = waitsFor.stuck(now, threads);
        // Lost wake-ups first: a wait that began before a lock was kept is checked before that lock's stall.
        for (WaitsFor.Waiter w : stuck) {
            if (w.recorded() != null) {
                validator.wakeUps().checkLost(w.thread(), w.recorded(), thresholdSeconds);
            }
        }
        for (HeldLocks t : threads) {
            int outermost = t.outermost;
            if (t.depth == 0) {
                samples.remove(t);
                continue;
            }
            Sample s = samples.get(t);
            if (s == null) {
                samples.put(t, new Sample(outermost, now));
            } else if (s.outermost != outermost) {
                s.outermost = outermost;
                s.since = now;
                s.reported = false;
            } else if (!s.reported && now - s.since >= thresholdNanos) {
                s.reported = true;
                stall(t, threads, WaitsFor.around(t, stuck), false);
            }
        }
        // Threads that wait for one another and hold nothing: no lock stall tells of them.
        List<WaitsFor.Waiter> cycle = WaitsFor.cycle(stuck);
        if (!cycle.isEmpty() && cycle.stream().allMatch(w -> w.thread().depth == 0)) {
            stall(cycle.get(0).thread(), threads, cycle, true);
        }
    }

    /**
     * Reports a thread that kept its outermost lock for the threshold or more. Another thread's stack
     * is read while it runs, so, as the kernel says of a running task, the locks shown may be a moment old.
     */
    private void stall(HeldLocks stuck, List<HeldLocks> all, List<WaitsFor.Waiter> waits, boolean hang) {
        if (!validator.debugLocks.on()) {
            return;
        }
        HeldLocks self = validator.threads.current();
        self.enterAgent(); // the watchdog's thread runs as agent code anyway
        try {
            Thread.State state = stuck.thread.getState();
            List<Frame> stack = Stacks.of(stuck.thread, validator.stackDepth());
            List<String> lines = waits.stream().map(WaitsFor.Waiter::line).toList();
            List<LockRef> held;
            synchronized (validator.graphLock) {
                held = validator.reports.heldLocks(stuck);
            }
            if (held.isEmpty() && !hang) {
                return;
            }
            // One report per thread and outermost acquisition (a later stall is another problem); a hang,
            // once per set of waits.
            String problem = hang ? ProblemKey.stall("waits:" + String.join(";", lines.stream().sorted().toList()),
                    stuck.threadLabel(), 0) : ProblemKey.stall(held.get(0).classKey(), stuck.threadLabel(),
                    stuck.outermost);
            validator.problems.printedThenRecorded(problem, () -> validator.reports.stall(stuck, held, state.name(),
                    thresholdSeconds, stack, all, lines, problem), validator.graphLock);
        } finally {
            self.leaveAgent();
        }
    }
}
