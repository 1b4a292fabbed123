package dev.jlockdep.cli;

import com.google.gson.stream.JsonWriter;
import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.report.LoadedDump;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The problems as SARIF 2.1.0, for code-scanning UIs: one result per problem, located at the first
 * application frame of its report (where the lock that closes the cycle is taken), the other frames
 * as related locations, a deadlock's unsafe scenario as its code flow. Source paths are relative to
 * the git work tree's root, or the current directory outside one (SRCROOT), where a source root holds
 * the file, else package-relative (see {@link SourcePlaces}). A problem with no application frame (a JDK
 * or framework nesting) is located at the class of the test it was first seen in, where the source
 * roots hold one file of that name; else it cannot be a result, which code scanning requires to have a
 * location, and is a tool notification of the run. With a baseline, each result says whether it knows
 * it ({@code baselineState}).
 */
final class SarifFormat {
    /** A SARIF rule: one per report kind, with the help code-scanning UIs show beside a result. */
    private record Rule(String id, String name, String level, String help) {
    }

    /** The rules, in the order of the report kinds. */
    private static final Map<ReportKind, Rule> RULES = new EnumMap<>(Map.of(
            ReportKind.CIRCULAR, new Rule("circular-locking", "possible circular locking dependency", "error",
                    "Locks were taken in orders that form a cycle; threads taking them at once can deadlock. Take"
                            + " them in one order everywhere, or drop one lock before taking the next."),
            ReportKind.RECURSIVE, new Rule("recursive-locking", "possible recursive locking", "error",
                    "Two locks of one class were nested; if another thread nests them the other way, both wait."
                            + " Declare the order of the class's instances (Lockdep.setOrder) or avoid the nesting."),
            ReportKind.BAD_UNLOCK, new Rule("bad-unlock-balance", "bad unlock balance", "warning",
                    "A lock was released that the thread did not hold."),
            ReportKind.HELD_AT_EXIT, new Rule("lock-held-at-thread-exit", "thread ended with locks held", "warning",
                    "A thread ended holding locks: whoever waits for them waits forever."),
            ReportKind.WARNING, new Rule("warning", "lockdep assertion or warning", "warning",
                    "An assertion about held locks failed, or a wake-up may go astray, as the message says."),
            ReportKind.STALL, new Rule("stall", "thread held its outermost lock past the watchdog threshold", "error",
                    "A thread kept a lock longer than the watchdog allows: a hang, or a lock held across slow work."),
            ReportKind.STARVATION, new Rule("thread-starvation", "possible thread starvation deadlock", "error",
                    "A task waits for another task of its own bounded pool: when every worker waits so, none is left"
                            + " to run what they wait for.")));

    private SarifFormat() {
    }

    /** @param known the baseline, or null for none */
    static String render(Dumps dumps, String version, SourcePlaces places, Baseline.Known known) {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.setIndent(" ");
            w.beginObject().name("$schema").value("https://json.schemastore.org/sarif-2.1.0.json")
                    .name("version").value("2.1.0");
            w.name("runs").beginArray().beginObject();
            w.name("tool").beginObject().name("driver").beginObject().name("name").value("jlockdep")
                    .name("version").value(version);
            w.name("rules").beginArray();
            for (Rule rule : RULES.values()) {
                w.beginObject().name("id").value(rule.id()).name("shortDescription").beginObject().name("text")
                        .value(rule.name()).endObject().name("fullDescription").beginObject().name("text")
                        .value(rule.help()).endObject().name("help").beginObject().name("text").value(rule.help())
                        .endObject().name("defaultConfiguration").beginObject().name("level")
                        .value(rule.level()).endObject().endObject();
            }
            w.endArray().endObject().endObject();
            w.name("originalUriBaseIds").beginObject().name("SRCROOT").beginObject().name("uri")
                    .value(places.base().toUri().toString()).endObject().endObject();
            List<Dumps.Problem> unplaced = new ArrayList<>();
            w.name("results").beginArray();
            for (Dumps.Problem p : dumps.problems.values()) {
                String test = dumps.firstSeenIn.get(p.key());
                List<LoadedDump.DumpLocation> app = p.locations().stream().filter(SourcePlaces::isApplication)
                        .toList();
                Optional<String> testFile = app.isEmpty() ? testFile(test, places) : Optional.empty();
                if (!app.isEmpty() || testFile.isPresent()) {
                    result(w, p, app, test, places, known, testFile.orElse(null));
                } else {
                    unplaced.add(p);
                }
            }
            w.endArray();
            w.name("invocations").beginArray().beginObject().name("executionSuccessful").value(true);
            w.name("toolExecutionNotifications").beginArray();
            for (Dumps.Problem p : unplaced) {
                w.beginObject().name("level").value("note").name("message").beginObject().name("text")
                        .value(p.summary() + " (no frame of the application to point at: jlockdep report shows it)")
                        .endObject().name("associatedRule").beginObject().name("id").value(RULES.get(p.kind()).id())
                        .endObject().endObject();
            }
            w.endArray().endObject().endArray();
            w.endObject().endArray().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s + "\n";
    }

    /** The source file of the class of a test ({@code BankTest.transfer}: {@code BankTest.java}), if one is found. */
    private static Optional<String> testFile(String test, SourcePlaces places) {
        int dot = test == null ? -1 : test.indexOf('.');
        return dot <= 0 ? Optional.empty() : places.onlyFileNamed(test.substring(0, dot) + ".java");
    }

    /**
     * One result; {@code app}: its application locations; {@code test}: the test it was first seen in, or
     * null; {@code testFile}: where that test's class is, the location of a result without {@code app}.
     */
    private static void result(JsonWriter w, Dumps.Problem p, List<LoadedDump.DumpLocation> app, String test,
                               SourcePlaces places, Baseline.Known known, String testFile) throws IOException {
        Rule rule = RULES.get(p.kind());
        w.beginObject().name("ruleId").value(rule.id()).name("level").value(rule.level());
        if (known != null) {
            w.name("baselineState").value(known.covers(p.key()) ? "unchanged" : "new");
        }
        w.name("message").beginObject().name("text").value(p.summary() + (test == null ? "" : " (first seen in " + test
                + ")")).endObject();
        if (app.isEmpty()) {
            w.name("locations").beginArray();
            location(w, -1, testFile, 0, "the test it was first seen in (no frame of the application to point at)");
            w.endArray();
        } else {
            w.name("locations").beginArray();
            location(w, app.get(0), -1, places);
            w.endArray();
            if (app.size() > 1) {
                w.name("relatedLocations").beginArray();
                for (int i = 1; i < app.size(); i++) {
                    location(w, app.get(i), i, places);
                }
                w.endArray();
            }
        }
        codeFlows(w, p, app, places);
        if (p.suppressed() != null) {
            w.name("suppressions").beginArray().beginObject().name("kind").value("external").name("justification")
                    .value(p.suppressed()).endObject().endArray();
        }
        // Stable across runs: code-scanning UIs match results by it.
        w.name("partialFingerprints").beginObject().name("jlockdepProblem/v1").value(p.key()).endObject();
        if (test != null) {
            w.name("properties").beginObject().name("firstSeenIn").value(test).endObject();
        }
        w.endObject();
    }

    /**
     * The unsafe scenario of a circular or recursive report as code flows, one thread flow per CPU column
     * of the splat: CPU0 the reporting thread (the lock it holds, then the one it tries), CPU1 the
     * dependencies already recorded, deepest first (each where its inner lock was taken). Only frames of
     * the application are shown; a column with none is left out.
     */
    private static void codeFlows(JsonWriter w, Dumps.Problem p, List<LoadedDump.DumpLocation> app,
                                  SourcePlaces places) throws IOException {
        if (p.kind() != ReportKind.CIRCULAR && p.kind() != ReportKind.RECURSIVE) {
            return;
        }
        List<LoadedDump.DumpLocation> cpu0 = new ArrayList<>();
        app.stream().filter(l -> l.role().startsWith(LoadedDump.DumpLocation.HOLDING)).forEach(cpu0::add);
        app.stream().filter(l -> l.role().startsWith(LoadedDump.DumpLocation.ACQUIRING)).forEach(cpu0::add);
        List<LoadedDump.DumpLocation> cpu1 = app.stream()
                .filter(l -> l.role().startsWith(LoadedDump.DumpLocation.DEPENDENCY))
                .sorted((a, b) -> Integer.compare(depth(b), depth(a))).toList();
        List<List<LoadedDump.DumpLocation>> columns = List.of(cpu0, cpu1);
        if (columns.stream().allMatch(List::isEmpty)) {
            return;
        }
        w.name("codeFlows").beginArray().beginObject().name("threadFlows").beginArray();
        for (int cpu = 0; cpu < columns.size(); cpu++) {
            if (columns.get(cpu).isEmpty()) {
                continue;
            }
            w.beginObject().name("message").beginObject().name("text").value("CPU" + cpu).endObject();
            w.name("locations").beginArray();
            for (LoadedDump.DumpLocation l : columns.get(cpu)) {
                w.beginObject().name("location");
                location(w, l, -1, places);
                w.endObject();
            }
            w.endArray().endObject();
        }
        w.endArray().endObject().endArray();
    }

    private static int depth(LoadedDump.DumpLocation l) {
        return Integer.parseInt(l.role().substring(LoadedDump.DumpLocation.DEPENDENCY.length()));
    }

    private static void location(JsonWriter w, LoadedDump.DumpLocation l, int id, SourcePlaces places)
            throws IOException {
        location(w, id, places.file(l), l.line(), l.role() + " in " + l.method());
    }

    /** A location in a source file ({@code line} 0: the file as a whole); {@code id} -1 for none. */
    private static void location(JsonWriter w, int id, String file, int line, String message) throws IOException {
        w.beginObject();
        if (id >= 0) {
            w.name("id").value(id);
        }
        w.name("physicalLocation").beginObject().name("artifactLocation").beginObject().name("uri").value(file)
                .name("uriBaseId").value("SRCROOT").endObject();
        if (line > 0) {
            w.name("region").beginObject().name("startLine").value(line).endObject();
        }
        w.endObject();
        w.name("message").beginObject().name("text").value(message).endObject();
        w.endObject();
    }
}
