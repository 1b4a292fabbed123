package dev.jlockdep.core;

import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.Report;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hung-task and lockup detector: samples every thread's outermost acquisition count and reports a
 * thread that kept the same outermost lock (a real lock or a pseudo-lock such as a work item's) for the
 * threshold or longer, whether it is blocked or spinning. Called periodically from one agent thread;
 * the hot path pays one increment per outermost acquisition, and only while the watchdog runs.
 */
public final class Watchdog {
    private final Validator validator;
    private final long thresholdNanos;
    private final int thresholdSeconds;
    private final Map<HeldLocks, Sample> samples = new IdentityHashMap<>();

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
    }

    /** How often {@link #check} should run: often enough to report within a quarter of the threshold. */
    public long periodMillis() {
        return Math.max(50, Math.min(1000, thresholdSeconds * 250L));
    }

    /** One sample of every thread, at {@code now} ({@link System#nanoTime()}). */
    public void check(long now) {
        List<HeldLocks> threads = validator.threads.tracked();
        samples.keySet().retainAll(new HashSet<>(threads));
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
                stall(t, threads);
            }
        }
    }

    /**
     * Reports a thread that kept its outermost lock for the threshold or more. Another thread's stack
     * is read while it runs, so, as the kernel says of a running task, the locks shown may be a moment old.
     */
    private void stall(HeldLocks stuck, List<HeldLocks> all) {
        if (!validator.debugLocks.on()) {
            return;
        }
        HeldLocks self = validator.threads.current();
        self.enterAgent(); // the watchdog's thread runs as agent code anyway
        try {
            Thread.State state = stuck.thread.getState();
            List<Frame> stack = Stacks.of(stuck.thread, validator.stackDepth());
            Report r;
            synchronized (validator.graphLock) {
                List<LockRef> held = validator.reports.heldLocks(stuck);
                if (held.isEmpty()) {
                    return;
                }
                // One report per thread and outermost acquisition: a later stall is another problem.
                String problem = ProblemKey.stall(held.get(0).classKey(), stuck.threadLabel(), stuck.outermost);
                r = validator.problems.once(problem, () -> validator.reports.stall(stuck, held, state.name(),
                        thresholdSeconds, stack, all, problem));
            }
            validator.problems.emit(r);
        } finally {
            self.leaveAgent();
        }
    }
}
