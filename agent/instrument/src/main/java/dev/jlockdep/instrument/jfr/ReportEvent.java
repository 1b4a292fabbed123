package dev.jlockdep.instrument.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * One per distinct problem, committed on the thread that found it: the event's stack trace is that
 * thread's, under the validator's own frames; {@code stack} is the report's backtrace without them.
 */
@Name("dev.jlockdep.Report")
@Label("Lock Problem")
@Category("jlockdep")
@Description("A problem the lock validator found: a possible deadlock, a recursive take, a bad unlock, ...")
@StackTrace(true)
final class ReportEvent extends jdk.jfr.Event {
    @Label("Kind")
    @Description("circular, recursive, starvation, bad-unlock, held-at-exit, warning")
    String kind;

    @Label("Problem Key")
    @Description("What makes two reports the same problem; what a baseline lists")
    String problemKey;

    @Label("Summary")
    String summary;

    @Label("Confirmed")
    @Description("The cycle closed on the same lock instances, not only on their classes")
    boolean confirmed;

    @Label("Stack")
    @Description("The thread's stack when the problem was found, one frame per line")
    String stack;

    @Label("Report")
    @Description("The whole report, as printed")
    String text;
}
