package dev.jlockdep.instrument.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/** One per thread the watchdog found holding its outermost lock too long; the stuck thread's stack is a field. */
@Name("dev.jlockdep.Stall")
@Label("Lock Stall")
@Category("jlockdep")
@Description("A thread kept its outermost lock longer than the watchdog's threshold")
@StackTrace(false) // the watchdog's own stack says nothing
final class StallEvent extends jdk.jfr.Event {
    @Label("Thread")
    String stuckThread;

    @Label("State")
    String state;

    @Label("Threshold")
    @Description("Seconds the thread held the lock at least")
    int seconds;

    @Label("Held Locks")
    String heldLocks;

    @Label("Problem Key")
    String problemKey;

    @Label("Report")
    @Description("The whole report, as printed: the stuck thread's stack and every thread's held locks")
    String text;
}
