package dev.jlockdep.core.model;

import java.util.List;

/**
 * A task of a bounded pool waiting for another task of that same pool: the thread-starvation deadlock
 * of Java Concurrency in Practice (8.1.1). When every worker waits so, no worker is left to run the
 * tasks they wait for; a run need not meet it for it to be there.
 *
 * @param pool     the pool's pseudo-lock name ({@code (wq_completion)Service.<init>:12})
 * @param workers  how many threads the pool runs at most
 * @param waitedOn the awaited task's pseudo-lock name ({@code (work_completion)Service.flush:42})
 * @param at       where the task waits (the application's call of {@code get()} or {@code join()})
 */
public record StarvationReport(String ident, String thread, String pool, int workers, String waitedOn, Frame at,
                               List<LockRef> held, List<Frame> backtrace, String problemKey) implements Report {
    @Override
    public ReportKind kind() {
        return ReportKind.STARVATION;
    }
}
