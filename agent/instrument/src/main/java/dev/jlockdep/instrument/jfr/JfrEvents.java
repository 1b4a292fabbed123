package dev.jlockdep.instrument.jfr;

import dev.jlockdep.core.ReportSink;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.LockRef;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.StallReport;
import dev.jlockdep.report.ProblemSummary;
import dev.jlockdep.report.TextSplat;
import java.util.stream.Collectors;
import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;

/**
 * Turns reports into events and registers the statistics event. Nothing here is touched unless the JVM
 * has {@code jdk.jfr}; the periodic event is registered only once Flight Recorder
 * starts (at start-up or by a later {@code jcmd JFR.start}), which keeps JFR's start-up off every JVM.
 * The listener itself is added on an agent thread beside the start-up (it loads a hundred of JFR's classes).
 */
public final class JfrEvents implements ReportSink {
    private JfrEvents() {
    }

    /** A sink that commits an event per report, when a recording wants it. */
    public static ReportSink sink() {
        return new JfrEvents();
    }

    @Override
    public void report(Report r) {
        if (!FlightRecorder.isInitialized()) { // no recording has been started: none could want the event
            return;
        }
        if (r instanceof StallReport s) {
            StallEvent e = new StallEvent();
            if (e.shouldCommit()) {
                e.stuckThread = s.thread();
                e.state = s.state();
                e.seconds = s.seconds();
                e.heldLocks = s.held().stream().map(LockRef::bareName).collect(Collectors.joining(", "));
                e.problemKey = s.problemKey();
                e.text = TextSplat.render(s);
                e.commit();
            }
            return;
        }
        ReportEvent e = new ReportEvent();
        if (e.shouldCommit()) {
            e.kind = r.kind().dumpName();
            e.problemKey = r.problemKey();
            e.summary = ProblemSummary.of(r);
            e.confirmed = r instanceof CircularReport c && c.confirmed();
            e.stack = r.backtrace().stream().map(Frame::toString).collect(Collectors.joining("\n"));
            e.text = TextSplat.render(r);
            e.commit();
        }
    }

    /**
     * When Flight Recorder starts (its hook runs as agent code): registers the statistics event, and
     * initializes the report events, so that the first report does not load classes in the middle of a
     * lock. Not before: initializing an event class initializes Flight Recorder's metadata, 70 ms of every
     * JVM's start-up on JDK 17 when no recording is ever made.
     */
    public static void registerStatistics(Validator validator) {
        FlightRecorder.addListener(new FlightRecorderListener() {
            @Override
            public void recorderInitialized(FlightRecorder recorder) {
                new ReportEvent().shouldCommit();
                new StallEvent().shouldCommit();
                FlightRecorder.addPeriodicEvent(StatisticsEvent.class, () -> emit(validator));
            }
        });
    }

    private static void emit(Validator validator) {
        validator.enterAgent();
        try {
            Validator.Counts counts = validator.counts();
            StatisticsEvent e = new StatisticsEvent();
            e.lockClasses = counts.lockClasses();
            e.dependencies = counts.dependencies();
            e.chains = counts.chains();
            e.reports = counts.reports();
            e.classesInstrumented = counts.classesInstrumented();
            e.validating = counts.validating();
            e.commit();
        } finally {
            validator.leaveAgent();
        }
    }
}
