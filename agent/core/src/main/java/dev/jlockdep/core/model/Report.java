package dev.jlockdep.core.model;

import java.util.List;

/** A problem the validator found, with what every lockdep report carries. */
public sealed interface Report permits CircularReport, RecursiveReport, BadUnlockReport, HeldAtExitReport, WarningReport,
        StallReport, StarvationReport {

    ReportKind kind();

    /** The identity line: JVM version, agent version, taint. */
    String ident();

    /** The offending thread as {@code name/tid}. */
    String thread();

    /** The locks the thread held, outermost first. */
    List<LockRef> held();

    /** The thread's stack when the problem was found. */
    List<Frame> backtrace();

    /** What makes two reports the same problem: each distinct problem is reported once per JVM. */
    String problemKey();
}
