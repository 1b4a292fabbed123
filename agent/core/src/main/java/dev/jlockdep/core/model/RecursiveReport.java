package dev.jlockdep.core.model;

import java.util.List;

/** "possible recursive locking detected": a second lock of a class held already, without nesting notation. */
public record RecursiveReport(String ident, String thread, LockRef trying, LockRef holding, List<LockRef> held,
                              List<Frame> backtrace, String problemKey) implements Report {
    @Override
    public ReportKind kind() {
        return ReportKind.RECURSIVE;
    }
}
