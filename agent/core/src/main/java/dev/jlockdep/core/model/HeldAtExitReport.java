package dev.jlockdep.core.model;

import java.util.List;

/** "still has locks held!": a thread ended while holding locks. */
public record HeldAtExitReport(String ident, String thread, List<LockRef> held, List<Frame> backtrace,
                               String problemKey) implements Report {
    @Override
    public ReportKind kind() {
        return ReportKind.HELD_AT_EXIT;
    }
}
