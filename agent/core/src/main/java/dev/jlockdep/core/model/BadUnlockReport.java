package dev.jlockdep.core.model;

import java.util.List;

/** "bad unlock balance detected!": a release of a lock the thread does not hold. */
public record BadUnlockReport(String ident, String thread, String lockName, Frame at, List<LockRef> held,
                              List<Frame> backtrace, String problemKey) implements Report {
    @Override
    public ReportKind kind() {
        return ReportKind.BAD_UNLOCK;
    }
}
