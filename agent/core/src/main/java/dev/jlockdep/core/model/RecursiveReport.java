package dev.jlockdep.core.model;

import dev.jlockdep.core.Frame;
import java.util.List;

/** "possible recursive locking detected": a second lock of a class held already, without nesting notation. */
public record RecursiveReport(String ident, String thread, LockRef trying, LockRef holding, List<LockRef> held,
                              List<Frame> backtrace, String problemKey) implements Report {
    @Override
    public String kind() {
        return "recursive";
    }
}
