package dev.jlockdep.core.model;

import java.util.List;

/**
 * "possible recursive locking detected": a second lock of a class held already, without nesting notation,
 * or against the order declared for the class's instances.
 *
 * @param comparison what the declared order's comparison of the held and the new lock returned; null
 *                   when no order is declared
 */
public record RecursiveReport(String ident, String thread, LockRef trying, LockRef holding, List<LockRef> held,
                              List<Frame> backtrace, String problemKey, Integer comparison) implements Report {
    @Override
    public ReportKind kind() {
        return ReportKind.RECURSIVE;
    }
}
