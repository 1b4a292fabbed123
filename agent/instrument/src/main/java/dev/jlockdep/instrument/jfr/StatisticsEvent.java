package dev.jlockdep.instrument.jfr;

import jdk.jfr.Category;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.Period;
import jdk.jfr.StackTrace;

/** The validator's counts, every second while a recording runs (as the JDK's own statistics events). */
@Name("dev.jlockdep.Statistics")
@Label("Lock Validator Statistics")
@Category("jlockdep")
@Period("1 s")
@StackTrace(false)
final class StatisticsEvent extends jdk.jfr.Event {
    @Label("Lock Classes")
    int lockClasses;

    @Label("Dependencies")
    int dependencies;

    @Label("Chains")
    long chains;

    @Label("Reports")
    int reports;

    @Label("Classes Instrumented")
    long classesInstrumented;

    @Label("Validating")
    boolean validating;
}
