package dev.jlockdep.core;

import dev.jlockdep.core.model.Report;

/** Receives each distinct report once, outside the validator's lock. */
@FunctionalInterface
public interface ReportSink {
    void report(Report report);
}
