package dev.jlockdep.core.model;

import java.util.List;

/**
 * The watchdog's report (the kernel's hung-task and lockup detectors): a thread kept its outermost lock
 * for longer than the threshold, blocked or running; with its stack and every thread's held locks.
 *
 * @param state   the thread's state when seen ({@code RUNNABLE}, {@code BLOCKED}, {@code WAITING}, ...)
 * @param seconds the threshold it passed
 * @param held    what the thread held all that time, outermost first; empty for a thread that waits
 *                holding nothing, in a hang of threads that wait for one another
 * @param everyone the held locks of every thread that holds any, the stuck one included
 * @param waits   the threads that have waited the threshold or more, each with what it waits for and
 *                for whom, when one of them is the stuck thread or they wait for one another; else empty
 */
public record StallReport(String ident, String thread, String state, int seconds, List<LockRef> held,
                          List<Frame> backtrace, List<ThreadLocks> everyone, List<String> waits,
                          String problemKey) implements Report {
    /** One thread's held locks, outermost first. */
    public record ThreadLocks(String thread, List<LockRef> held) {
    }

    @Override
    public ReportKind kind() {
        return ReportKind.STALL;
    }

    public boolean running() {
        return state.equals("RUNNABLE");
    }
}
