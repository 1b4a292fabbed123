package dev.jlockdep.core;

import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.Triage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The problems reported so far: each distinct problem (by its key) is reported once, and the reports
 * are kept in order for the dump. Used under the graph lock, except {@link #emit}, which hands a
 * report to the sink outside it.
 */
final class ProblemLog {
    private final Set<String> reported = new HashSet<>();
    private final List<Report> reports = new ArrayList<>();
    /** What each report's problem rests on, for its triage at the end. */
    private final Map<String, TriageRules.Evidence> evidence = new HashMap<>();
    /** The rule that suppressed a problem, by its key; read outside the graph lock by {@link #emit}. */
    private final Map<String, String> suppressedBy = new ConcurrentHashMap<>();
    private Suppressions suppressions = Suppressions.NONE;
    private final DebugLocks debugLocks;
    private final boolean once;
    private final ReportSink sink;

    /** @param once stop validating after the first report, as the kernel does */
    ProblemLog(DebugLocks debugLocks, boolean once, ReportSink sink) {
        this.debugLocks = debugLocks;
        this.once = once;
        this.sink = sink;
    }

    /**
     * The report of a problem not reported before, made and recorded; null if the problem is known or
     * validation is off.
     */
    Report once(String key, Supplier<Report> make) {
        if (!isNew(key)) {
            return null;
        }
        Report r = make.get();
        record(r);
        return r;
    }

    /** Whether the problem {@code key} was reported (or validation is off: nothing more will be). */
    boolean reportedAlready(String key) {
        return !debugLocks.on() || reported.contains(key);
    }

    /** Whether {@code key} names a problem not reported before (and now counted as reported). */
    boolean isNew(String key) {
        return debugLocks.on() && reported.add(key);
    }

    /** What the problem {@code key} rests on (see {@link TriageRules}). */
    void evidence(String key, TriageRules.Evidence e) {
        evidence.put(key, e);
    }

    /** The triage of every report's problem, as the run leaves the evidence; credible where there is none. */
    Map<String, Triage> triage(GraphLock graph) {
        Map<String, Triage> verdicts = new HashMap<>();
        for (Report r : reports) {
            TriageRules.Evidence e = evidence.get(r.problemKey());
            verdicts.put(r.problemKey(), e == null ? Triage.CREDIBLE : TriageRules.judge(e, graph));
        }
        return verdicts;
    }

    void suppress(Suppressions rules) {
        suppressions = rules;
    }

    /** The tests running as reports were made (see {@link RunningTests}). */
    final RunningTests tests = new RunningTests();
    /** The test each problem was first seen in, by its key (a concurrent map: read without the graph lock). */
    private final Map<String, String> seenInTest = new ConcurrentHashMap<>();

    /** Keeps a report, marked if a rule suppresses it; with {@code once}, validation stops after one that is not. */
    void record(Report r) {
        if (r != null) {
            reports.add(r);
            String test = tests.now();
            if (test != null) {
                seenInTest.putIfAbsent(r.problemKey(), test);
            }
            String rule = suppressions.isEmpty() ? null : suppressions.match(Suppressions.factsOf(r));
            if (rule != null) {
                suppressedBy.put(r.problemKey(), rule);
            } else if (once) {
                debugLocks.off();
            }
        }
    }

    /** How many problems a rule suppressed (a concurrent map: read without the graph lock). */
    int suppressedCount() {
        return suppressedBy.size();
    }

    /** The test each problem was first seen in, by its key, where a test framework said which ran. */
    Map<String, String> seenInTest() {
        return Map.copyOf(seenInTest);
    }

    /** The rule that suppressed each suppressed problem, by its key. */
    Map<String, String> suppressed() {
        return Map.copyOf(suppressedBy);
    }

    /**
     * A limit is reached: said once, as lockdep's "BUG: MAX_LOCKDEP_ENTRIES too low!", and validation
     * turns off; said at once, still under the graph lock, as it happens once.
     */
    void limitReached(Report r) {
        reports.add(r);
        debugLocks.off();
        emit(r);
    }

    /**
     * For a report made on the agent's own thread (the watchdog's), about another: the report of a problem
     * not reported before, made, then printed (unless a rule suppresses it), then recorded under
     * {@code graphLock}, so that a program that waits for the count to grow finds it printed. Called
     * outside the graph lock; null if the problem is known or validation is off.
     */
    Report printedThenRecorded(String key, Supplier<Report> make, Object graphLock) {
        Report r;
        synchronized (graphLock) {
            if (!isNew(key)) {
                return null;
            }
            r = make.get();
        }
        if (suppressions.isEmpty() || suppressions.match(Suppressions.factsOf(r)) == null) {
            sink.report(r);
        }
        synchronized (graphLock) {
            record(r);
        }
        return r;
    }

    /** Hands a report made under the graph lock to the sink, outside it. */
    void emit(Report r) {
        if (r != null && !suppressedBy.containsKey(r.problemKey())) {
            sink.report(r);
        }
    }

    /** Whether anything was reported and not suppressed: the identity line then says {@code Tainted: W}. */
    boolean tainted() {
        return reports.size() > suppressedCount();
    }

    int count() {
        return reports.size();
    }

    /** The reports after the first {@code count}. */
    List<Report> since(int count) {
        return count >= reports.size() ? List.of() : List.copyOf(reports.subList(Math.max(0, count), reports.size()));
    }

    List<Report> all() {
        return List.copyOf(reports);
    }
}
