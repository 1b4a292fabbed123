package dev.jlockdep.instrument;

import dev.jlockdep.core.ReportSink;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.report.TextSplat;
import java.io.PrintStream;

/** Prints each report as a lockdep splat, in one write so that concurrent reports do not interleave. */
final class ReportPrinter implements ReportSink {
    private final PrintStream out;

    ReportPrinter(PrintStream out) {
        this.out = out;
    }

    @Override
    public void report(Report report) {
        String text = TextSplat.render(report);
        out.print(text);
        out.flush();
    }
}
