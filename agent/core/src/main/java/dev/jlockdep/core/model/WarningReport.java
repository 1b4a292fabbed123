package dev.jlockdep.core.model;

import java.util.List;

/**
 * A {@code WARN_ONCE}: a failed {@code lockdep_assert_held} (and friends), or a problem code reported
 * itself through the api, with the thread's held locks and stack.
 *
 * @param at where the warning was raised (the caller of the api)
 */
public record WarningReport(String ident, String thread, String message, Frame at, List<LockRef> held,
                            List<Frame> backtrace, String problemKey) implements Report {
    @Override
    public ReportKind kind() {
        return ReportKind.WARNING;
    }
}
