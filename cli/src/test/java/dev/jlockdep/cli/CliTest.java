package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jlockdep.core.LockObjects;
import dev.jlockdep.core.SiteRegistry;
import dev.jlockdep.core.Suppressions;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.report.JsonDump;
import dev.jlockdep.testing.SarifValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jlockdep command as a black box: arguments in, exit status and output out, on real dumps. */
class CliTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    /** The base of SARIF's and annotations' paths: the git work tree's root above the current directory, else it. */
    static Path base() {
        Path current = Path.of("").toAbsolutePath();
        return SourcePlaces.gitRootAbove(current).orElse(current);
    }

    /** A path relative to the current directory, as relative to {@link #base()}. */
    static String fromBase(String path) {
        return base().relativize(Path.of("").toAbsolutePath().resolve(path)).toString().replace('\\', '/');
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = JlockdepCommand.commandLine(new PrintWriter(out), new PrintWriter(err)).execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path dump(String name, Consumer<Validator> program) throws IOException {
        return dump(dir, name, program);
    }

    /** A dump written by the real validator after {@code program} ran against it. */
    static Path dump(Path dir, String name, Consumer<Validator> program) throws IOException {
        Validator v = new Validator(new Validator.Config(false, 8, "test 1.0", "1.0", false), new SiteRegistry(),
                LockObjects.MONITORS, r -> { });
        program.accept(v);
        Path file = dir.resolve(name);
        JsonDump.write(v.snapshot(), file);
        return file;
    }

    /** A lock of the class {@code name} (key {@code key:name}). */
    static Object named(Validator v, String name) {
        Object lock = new Object();
        v.name(lock, "key:" + name, name, WaitType.SLEEP);
        return lock;
    }

    /** Thread "first" takes a then b; the current thread takes b then a. */
    static void abba(Validator v, String a, String b) {
        Object la = named(v, a);
        Object lb = named(v, b);
        Thread t = new Thread(() -> nest(v, la, lb), "first");
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        nest(v, lb, la);
    }

    static void nest(Validator v, Object outer, Object inner) {
        v.acquire(outer, 0, 0, 0, false);
        v.acquire(inner, 0, 0, 0, false);
        v.release(inner, 0, 0);
        v.release(outer, 0, 0);
    }

    @Test
    void reportPrintsEachProblemOnceAcrossDumps() throws IOException {
        Path d1 = dump("one.json", v -> abba(v, "A", "B"));
        Path d2 = dump("two.json", v -> abba(v, "A", "B"));
        Run r = run("report", d1.toString(), d2.toString());
        assertEquals(0, r.exit());
        assertEquals("", r.err());
        assertEquals(1, r.out().lines().filter(l -> l.equals("WARNING: possible circular locking dependency detected")).count());
        assertTrue(r.out().contains("\n-> #1 (B){+.+.}-{3:3}:\n"), r.out());
        assertEquals("jlockdep: 1 distinct report (1 possible deadlock) in 2 dumps",
                r.out().lines().reduce((first, second) -> second).orElseThrow());
    }

    @Test
    void colourOnlyWhenAskedOrOnATerminal() throws IOException {
        Path d = dump("one.json", v -> abba(v, "A", "B"));
        assertTrue(!run("report", d.toString()).out().contains("\u001B["), "not a terminal: no colour");
        assertTrue(run("report", "--color", "always", d.toString()).out()
                .contains("\n\u001B[1;31mWARNING: possible circular locking dependency detected\u001B[0m\n"));
        assertTrue(!run("report", "--color", "never", d.toString()).out().contains("\u001B["));
    }

    @Test
    void generatesShellCompletion() {
        Run r = run("generate-completion");
        assertEquals(0, r.exit());
        assertTrue(r.out().contains("complete -F _complete_jlockdep"), r.out().lines().limit(5).toList().toString());
        assertTrue(r.out().contains("attach"), "subcommands complete");
    }

    @Test
    void reportAsJson() throws IOException {
        Path d1 = dump("one.json", v -> abba(v, "A", "B"));
        Path d2 = dump("two.json", v -> abba(v, "A", "B"));
        Run r = run("report", "--format", "json", d1.toString(), d2.toString());
        assertEquals(0, r.exit());
        JsonObject root = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("jlockdep-report", root.get("schema").getAsString());
        JsonObject report = root.getAsJsonArray("reports").get(0).getAsJsonObject();
        assertEquals("circular", report.get("kind").getAsString());
        assertEquals("circular B -> A -> B", report.get("summary").getAsString());
        assertEquals("circular:[key:A/0, key:B/0]", report.get("problem").getAsString());
        assertEquals(2, report.getAsJsonArray("seenIn").size());
        assertTrue(report.get("confirmed").getAsBoolean());
    }

    @Test
    void reportAsDotDrawsCyclesRed() throws IOException {
        Path d = dump("one.json", v -> {
            abba(v, "A", "B");
            oneWay(v, "B", "say \"hi\"\nthere");
        });
        Run r = run("report", "--format", "dot", d.toString());
        assertEquals(0, r.exit());
        assertEquals(List.of("strict digraph jlockdep {", "  c0 [ label=\"A\" ];", "  c1 [ label=\"B\" ];",
                "  c2 [ label=\"say \\\"hi\\\" there\" ];", "  c0 -> c1 [ color=\"red\" ];", "  c1 -> c0 [ color=\"red\" ];",
                "  c1 -> c2 [ ];", "}"), r.out().lines().toList());
    }

    @Test
    void statsCountWhatTheDumpHolds() throws IOException {
        Path d = dump("one.json", v -> {
            abba(v, "A", "B");
            oneWay(v, "B", "C");
        });
        Run r = run("stats", "--top", "2", d.toString());
        assertEquals(0, r.exit());
        assertEquals(List.of(d + " (test 1.0):",
                " lock-classes:                           3",
                " direct dependencies:                    3",
                " dependency chains:                      5",
                " chains evicted:                         0",
                " dependencies held back:                 0",
                " lock instances:                         4",
                " max locking depth:                      2",
                " classes instrumented:                   0",
                " reports:                                1",
                "   circular:                             1",
                " possible deadlocks:                     1",
                " top lock classes by dependencies:",
                "  FD:    2 BD:    1 B",
                "  FD:    1 BD:    1 A", ""), r.out().lines().toList());
    }

    @Test
    void checkFailsOnNewDeadlocksAndPassesOnKnownOnes() throws IOException {
        Path d1 = dump("one.json", v -> abba(v, "A", "B"));
        Run first = run("check", d1.toString());
        assertEquals(1, first.exit());
        assertEquals(List.of("new: circular B -> A -> B (in " + d1 + ")", "     key: circular:[key:A/0, key:B/0]",
                "jlockdep: 1 new possible deadlock, 0 known, in 1 dump"), first.out().lines().toList());

        Path baseline = dir.resolve("baseline.txt");
        Run write = run("check", d1.toString(), "--write-baseline", baseline.toString());
        assertEquals(0, write.exit());
        assertEquals(List.of("# jlockdep baseline, keys of 2026-12: known possible deadlocks, one problem key per line",
                "circular:[key:A/0, key:B/0]"), Files.readAllLines(baseline));

        Run known = run("check", d1.toString(), "--baseline", baseline.toString());
        assertEquals(0, known.exit());
        assertEquals("jlockdep: 0 new possible deadlocks, 1 known, in 1 dump\n", known.out());

        Path d2 = dump("two.json", v -> {
            abba(v, "A", "B");
            abba(v, "C", "D");
        });
        Run fresh = run("check", d2.toString(), "--baseline", baseline.toString());
        assertEquals(1, fresh.exit());
        assertEquals(List.of("new: circular D -> C -> D (in " + d2 + ")", "     key: circular:[key:C/0, key:D/0]",
                "jlockdep: 1 new possible deadlock, 1 known, in 1 dump"), fresh.out().lines().toList());
    }

    /**
     * Two cycles through one class (A-B and B-C) are one problem keyed by all three classes; a baseline
     * holding it knows a run that sees a part of it, and not one where another class joined it.
     */
    @Test
    void aTangleOfClassesIsOneProblemThatABaselineKnowsUntilItGrows() throws IOException {
        Path d = dump("tangle.json", v -> {
            abba(v, "A", "B");
            abba(v, "B", "C");
        });
        Run check = run("check", d.toString());
        assertEquals(1, check.exit());
        assertEquals(List.of("new: circular B -> A -> B and 1 more cycle (a tangle of 3 lock classes) (in " + d + ")",
                "     key: circular:[key:A/0, key:B/0, key:C/0]",
                "jlockdep: 1 new possible deadlock, 0 known, in 1 dump"), check.out().lines().toList());
        Run report = run("report", d.toString());
        assertTrue(report.out().contains("\njlockdep: one tangle of 3 lock classes, 1 more cycle through them:\n"
                + "  circular C -> B -> C (credible)\n\njlockdep: 1 distinct report (1 possible deadlock) in 1 dump\n"),
                report.out());

        Path baseline = dir.resolve("tangle-baseline.txt");
        assertEquals(0, run("check", d.toString(), "--write-baseline", baseline.toString()).exit());
        Path part = dump("part.json", v -> abba(v, "B", "C"));
        Run known = run("check", part.toString(), "--baseline", baseline.toString());
        assertEquals(List.of("jlockdep: 0 new possible deadlocks, 1 known, in 1 dump"), known.out().lines().toList());
        assertEquals(0, known.exit());

        Path grown = dump("grown.json", v -> {
            abba(v, "A", "B");
            abba(v, "C", "D");
            abba(v, "B", "C");
        });
        Run fresh = run("check", grown.toString(), "--baseline", baseline.toString());
        assertEquals(List.of("new: circular B -> A -> B and 2 more cycles (a tangle of 4 lock classes) (in " + grown + ")",
                "     key: circular:[key:A/0, key:B/0, key:C/0, key:D/0]",
                "     grew: a known tangle, joined by key:D/0",
                "jlockdep: 1 new possible deadlock, 0 known, in 1 dump"), fresh.out().lines().toList());
        assertEquals(1, fresh.exit());
    }

    /**
     * What a suppression matches, in the CLI's file or marked by the agent in the dump, is out of the gate
     * (also with --all), counted, and shown last by report with its rule; a bad file is one line, exit 2.
     */
    @Test
    void suppressedProblemsNeverGateAndSayWhichRuleTookThem() throws IOException {
        Path d = dump("suppressible.json", v -> {
            abba(v, "A", "B");
            Object outer = named(v, "Node");
            nest(v, outer, named(v, "Node"));
        });
        Path rules = dir.resolve("rules.txt");
        Files.writeString(rules, "# ours\ncircular:class:A\n");
        Run check = run("check", d.toString(), "--suppressions", rules.toString(), "--all");
        assertEquals(List.of("new: recursive Node (in " + d + ")", "     key: recursive:key:Node/0",
                "jlockdep: 1 new possible deadlock, 0 known, 1 suppressed, in 1 dump"), check.out().lines().toList());
        assertEquals(1, check.exit());
        Run report = run("report", d.toString(), "--suppressions", rules.toString());
        assertTrue(report.out().endsWith("jlockdep: suppressed by " + rules + ":2: circular:class:A\n\n"
                + "jlockdep: 2 distinct reports (2 possible deadlocks, 1 suppressed) in 1 dump\n"), report.out());

        Path marked = dump("marked.json", v -> {
            v.suppress(Suppressions.parse("recursive:thread:main", "agent-rules"));
            Object outer = named(v, "Node");
            nest(v, outer, named(v, "Node"));
        });
        Run passes = run("check", marked.toString());
        assertEquals(List.of(0, "jlockdep: 0 new possible deadlocks, 0 known, 1 suppressed, in 1 dump\n"),
                List.of(passes.exit(), passes.out()));

        Files.writeString(rules, "circular:lock:A\n");
        Run bad = run("check", d.toString(), "--suppressions", rules.toString());
        assertEquals(List.of(2, "jlockdep: " + rules + " line 1: not a suppression (expected KIND:class|frame|thread:GLOB,"
                + " such as recursive:frame:com.acme.Tree.walk)\n"), List.of(bad.exit(), bad.err()));
    }

    /** A task starving its own bounded pool is a possible deadlock of its own kind: the gate fails on it. */
    @Test
    void checkFailsOnAPoolsStarvation() throws IOException {
        Path d = dump("starved.json", v -> {
            Object pool = new Object();
            v.name(pool, "pool:Service.start", "(wq_completion)Service.start:12", WaitType.NONE);
            Object work = new Object();
            v.name(work, "work:Service.flush", "(work_completion)Service.flush:40", WaitType.NONE);
            v.starvation(pool, 4, work);
        });
        Run check = run("check", d.toString());
        assertEquals(List.of("new: starvation (wq_completion)Service.start:12 (in " + d + ")",
                "     key: starvation:pool:Service.start", "jlockdep: 1 new possible deadlock, 0 known, in 1 dump"),
                check.out().lines().toList());
        assertEquals(1, check.exit());
    }

    /**
     * A possible deadlock that triage takes out of the gate (three pairs of one class's instances nested,
     * all one way): `check` passes and says why, `--all` fails on it; `report` shows the verdict's line.
     */
    @Test
    void checkPassesOnWhatTriageTakesOutOfTheGateUnlessAskedForAll() throws IOException {
        Path d = dump("one.json", v -> {
            Object a = named(v, "Node");
            Object b = named(v, "Node");
            Object c = named(v, "Node");
            nest(v, a, b);
            nest(v, b, c);
            nest(v, a, c);
        });
        Run gate = run("check", d.toString());
        assertEquals(0, gate.exit(), gate.out());
        assertEquals(List.of("out of the gate: recursive Node",
                "     jlockdep: triage: consistent-order: 3 distinct pairs of Node instances nested, all in one order"
                        + " (the older one outside the newer), none both ways",
                "jlockdep: 0 new possible deadlocks, 0 known, 1 out of the gate by triage (--all to fail on them),"
                        + " in 1 dump"), gate.out().lines().toList());
        Run all = run("check", "--all", d.toString());
        assertEquals(1, all.exit());
        assertEquals("jlockdep: 1 new possible deadlock, 0 known, in 1 dump", all.out().lines().reduce((x, y) -> y).get());
        Run report = run("report", d.toString());
        assertTrue(report.out().contains(" May be due to missing lock nesting notation\n"), report.out());
        assertTrue(report.out().contains("\njlockdep: triage: consistent-order: 3 distinct pairs"), report.out());
        assertTrue(report.out().endsWith("jlockdep: 1 distinct report (1 possible deadlock, 1 out of the gate by triage)"
                + " in 1 dump\n"), report.out());
    }

    /** One direction per JVM: neither reports anything, the merged graph closes the cycle. */
    @Test
    void aCycleThatNoSingleJvmSawIsFoundInTheMergedDumps() throws IOException {
        Path forward = dump("forward.json", v -> oneWay(v, "A", "B"));
        Path backward = dump("backward.json", v -> oneWay(v, "B", "A"));
        Run each = run("check", forward.toString());
        assertEquals(0, each.exit());
        assertEquals(0, run("check", backward.toString()).exit());

        Run report = run("report", forward.toString(), backward.toString());
        assertEquals(0, report.exit());
        String title = "WARNING: possible circular locking dependency across dumps";
        assertEquals(List.of("", "=".repeat(title.length()), title,
                "jlockdep: no single JVM saw this cycle; the dependencies of several dumps close it",
                "-".repeat(title.length()),
                "the dependencies, each with the dump that first saw it:", "",
                "  A --> B    (" + forward + ")", "  B --> A    (" + backward + ")", "", " *** DEADLOCK ***", "",
                "jlockdep: 1 distinct report (1 possible deadlock) in 2 dumps"), report.out().lines().toList());

        Run check = run("check", forward.toString(), backward.toString());
        assertEquals(1, check.exit());
        assertEquals(List.of("new: circular A -> B -> A (across dumps) (in " + forward + ", " + backward + ")",
                "     key: circular:[key:A/0, key:B/0]", "jlockdep: 1 new possible deadlock, 0 known, in 2 dumps"),
                check.out().lines().toList());
    }

    /**
     * A JVM that saw a whole tangle said what lockdep says of it (a report where a dependency closed a
     * cycle); the other ways round the same tangle are no new problems "across dumps", whether one dump
     * or two of that run are read.
     */
    @Test
    void aTangleOneJvmSawIsNotReportedAgainAsAcrossDumps() throws IOException {
        Consumer<Validator> tangle = v -> {
            Object a = named(v, "A");
            Object b = named(v, "B");
            Object c = named(v, "C");
            Object d = named(v, "D");
            nest(v, a, b);
            nest(v, b, c);
            nest(v, c, d);
            nest(v, b, d);
            nest(v, d, a); // closes A -> B -> D -> A, the shortest way back, and A -> B -> C -> D -> A
        };
        Path one = dump("one.json", tangle);
        Path two = dump("two.json", tangle);
        Run check = run("check", one.toString());
        assertEquals(1, check.exit());
        assertEquals(List.of("new: circular D -> B -> A -> D (in " + one + ")",
                "     key: circular:[key:A/0, key:B/0, key:D/0]", "jlockdep: 1 new possible deadlock, 0 known, in 1 dump"),
                check.out().lines().toList());
        Run both = run("check", one.toString(), two.toString());
        assertEquals("jlockdep: 1 new possible deadlock, 0 known, in 2 dumps",
                both.out().lines().reduce((x, y) -> y).get());
    }

    private static void oneWay(Validator v, String a, String b) {
        nest(v, named(v, a), named(v, b));
    }

    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    static String testClasses() {
        try {
            return Path.of(dev.jlockdep.clitest.AbBaThenExit.class.getProtectionDomain().getCodeSource().getLocation()
                    .toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void runAttachesTheAgentAndGatesOnReports() {
        Run r = run("run", "--fail-on-report", "--", JAVA, "-cp", testClasses(), "dev.jlockdep.clitest.AbBaThenExit",
                "0", "abba");
        assertEquals(1, r.exit(), r.err());
        assertEquals("first then second\nsecond then first\n", r.out());
        assertTrue(r.err().contains("\nWARNING: possible circular locking dependency detected\n"), r.err());
        List<String> lines = r.err().lines().toList();
        assertEquals(List.of("jlockdep: circular AbBaThenExit.second -> AbBaThenExit.first -> AbBaThenExit.second",
                "jlockdep: 1 report (1 possible deadlock)"), lines.subList(lines.size() - 2, lines.size()));
    }

    @Test
    void reportAsSarifLocatesTheProblemInTheSources() throws IOException {
        Path dump = dir.resolve("agent.json");
        assertEquals(0, run("run", "--dump", dump.toString(), "--", JAVA, "-cp", testClasses(),
                "dev.jlockdep.clitest.AbBaThenExit", "0", "abba").exit());
        Run r = run("report", "--format", "sarif", dump.toString());
        assertEquals(0, r.exit());
        SarifValidator.assertAccepted(r.out(), dir);
        JsonObject run = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject();
        assertEquals("jlockdep", run.getAsJsonObject("tool").getAsJsonObject("driver").get("name").getAsString());
        JsonObject result = run.getAsJsonArray("results").get(0).getAsJsonObject();
        assertEquals("circular-locking", result.get("ruleId").getAsString());
        assertEquals("error", result.get("level").getAsString());
        assertEquals("circular AbBaThenExit.second -> AbBaThenExit.first -> AbBaThenExit.second",
                result.getAsJsonObject("message").get("text").getAsString());
        // Under the module (the current directory), relative to the git work tree's root above it.
        String file = fromBase("src/test/java/dev/jlockdep/clitest/AbBaThenExit.java");
        assertTrue(Files.isRegularFile(Path.of(URI.create(run.getAsJsonObject("originalUriBaseIds")
                .getAsJsonObject("SRCROOT").get("uri").getAsString())).resolve(file)), file);
        assertEquals(List.of(file + ":20 acquiring AbBaThenExit.first in main"),
                locations(result.getAsJsonArray("locations")));
        assertEquals(List.of(file + ":19 holding AbBaThenExit.second in main",
                        file + ":12 dependency #1 in lambda$main$0"),
                locations(result.getAsJsonArray("relatedLocations")));
        assertEquals("circular:[field:dev.jlockdep.clitest.AbBaThenExit.first/0, field:dev.jlockdep.clitest.AbBaThenExit.second/0]",
                result.getAsJsonObject("partialFingerprints").get("jlockdepProblem/v1").getAsString());
        // The unsafe scenario, a thread flow per CPU column: the reporting thread holds, then tries; the
        // other took the locks the other way round where its dependency was recorded.
        JsonArray flows = result.getAsJsonArray("codeFlows").get(0).getAsJsonObject().getAsJsonArray("threadFlows");
        assertEquals(2, flows.size());
        List<String> columns = new ArrayList<>();
        for (var flow : flows) {
            JsonObject f = flow.getAsJsonObject();
            List<String> steps = new ArrayList<>();
            for (var step : f.getAsJsonArray("locations")) {
                steps.add(step.getAsJsonObject().getAsJsonObject("location").getAsJsonObject("physicalLocation")
                        .getAsJsonObject("region").get("startLine").getAsString());
            }
            columns.add(f.getAsJsonObject("message").get("text").getAsString() + " " + steps);
        }
        assertEquals(List.of("CPU0 [19, 20]", "CPU1 [12]"), columns);
    }

    /** With a baseline, each SARIF result says whether the baseline knows it; other formats refuse one. */
    @Test
    void reportAsSarifSaysWhichResultsTheBaselineKnows() throws IOException {
        Path dump = dir.resolve("agent.json");
        assertEquals(0, run("run", "--dump", dump.toString(), "--", JAVA, "-cp", testClasses(),
                "dev.jlockdep.clitest.AbBaThenExit", "0", "abba").exit());
        Path none = Files.writeString(dir.resolve("none.txt"), "# nothing known yet\n");
        Path all = dir.resolve("all.txt");
        assertEquals(0, run("check", dump.toString(), "--write-baseline", all.toString()).exit());
        for (var expected : List.of(List.of(none, "new"), List.of(all, "unchanged"))) {
            Run r = run("report", "--format", "sarif", "--baseline", expected.get(0).toString(), dump.toString());
            assertEquals(0, r.exit(), r.err());
            SarifValidator.assertAccepted(r.out(), dir);
            JsonObject result = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                    .getAsJsonObject().getAsJsonArray("results").get(0).getAsJsonObject();
            assertEquals(expected.get(1), result.get("baselineState").getAsString());
        }
        Run plain = run("report", "--format", "sarif", dump.toString());
        SarifValidator.assertAccepted(plain.out(), dir);
        assertTrue(!plain.out().contains("baselineState"), "no baseline, no state");
        Run text = run("report", "--baseline", all.toString(), dump.toString());
        assertEquals(2, text.exit());
        assertEquals("jlockdep: --baseline applies to --format sarif and html only (check gates on it)\n", text.err());
        Run links = run("report", "--format", "html", "--source-url", "https://example.org/{line}", dump.toString());
        assertEquals(List.of(2, "jlockdep: --source-url needs {path} (and may have {line}): https://example.org/{line}\n"),
                List.of(links.exit(), links.err()));
        Run notHtml = run("report", "--source-url", "https://example.org/{path}", dump.toString());
        assertEquals(List.of(2, "jlockdep: --source-url applies to --format html only\n"), List.of(notHtml.exit(), notHtml.err()));
    }

    /**
     * SARIF that code scanning ingests: a schema, a base for its paths, rules with help, and no result
     * without a location (a problem with no application frame is a notification of the run).
     */
    @Test
    void reportAsSarifNeverGivesAResultWithoutALocation() throws IOException {
        Path d = dump("jdk-only.json", v -> abba(v, "A", "B"));
        Run r = run("report", "--format", "sarif", d.toString());
        assertEquals(0, r.exit(), r.err());
        SarifValidator.assertAccepted(r.out(), dir);
        JsonObject sarif = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("https://json.schemastore.org/sarif-2.1.0.json", sarif.get("$schema").getAsString());
        JsonObject run = sarif.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertEquals(base().toUri().toString(), run.getAsJsonObject("originalUriBaseIds")
                .getAsJsonObject("SRCROOT").get("uri").getAsString());
        assertEquals(0, run.getAsJsonArray("results").size());
        JsonObject note = run.getAsJsonArray("invocations").get(0).getAsJsonObject()
                .getAsJsonArray("toolExecutionNotifications").get(0).getAsJsonObject();
        assertEquals("circular B -> A -> B (no frame of the application to point at: jlockdep report shows it)",
                note.getAsJsonObject("message").get("text").getAsString());
        for (var rule : run.getAsJsonObject("tool").getAsJsonObject("driver").getAsJsonArray("rules")) {
            assertTrue(!rule.getAsJsonObject().getAsJsonObject("help").get("text").getAsString().isEmpty());
        }
    }

    /** A problem with no frame of the application, seen in a test, is located at that test's class. */
    @Test
    void reportAsSarifLocatesAProblemWithoutApplicationFramesAtItsTest() throws IOException {
        Path d = dump("in-a-test.json", v -> {
            v.testStarted("CliTest.transfer");
            abba(v, "A", "B");
        });
        Run r = run("report", "--format", "sarif", d.toString());
        assertEquals(0, r.exit(), r.err());
        SarifValidator.assertAccepted(r.out(), dir);
        JsonObject run = JsonParser.parseString(r.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject();
        JsonObject location = run.getAsJsonArray("results").get(0).getAsJsonObject().getAsJsonArray("locations")
                .get(0).getAsJsonObject();
        assertEquals(fromBase("src/test/java/dev/jlockdep/cli/CliTest.java"), location.getAsJsonObject(
                "physicalLocation").getAsJsonObject("artifactLocation").get("uri").getAsString());
        assertEquals("the test it was first seen in (no frame of the application to point at)",
                location.getAsJsonObject("message").get("text").getAsString());
        // A test whose class no source root holds: a notification, as before.
        Path elsewhere = dump("in-another-test.json", v -> {
            v.testStarted("NoSuchTest.transfer");
            abba(v, "A", "B");
        });
        Run note = run("report", "--format", "sarif", elsewhere.toString());
        JsonObject noteRun = JsonParser.parseString(note.out()).getAsJsonObject().getAsJsonArray("runs").get(0)
                .getAsJsonObject();
        assertEquals(0, noteRun.getAsJsonArray("results").size());
        assertEquals("circular B -> A -> B (no frame of the application to point at: jlockdep report shows it)",
                noteRun.getAsJsonArray("invocations").get(0).getAsJsonObject()
                        .getAsJsonArray("toolExecutionNotifications").get(0).getAsJsonObject()
                        .getAsJsonObject("message").get("text").getAsString());
    }

    private static List<String> locations(com.google.gson.JsonArray array) {
        List<String> out = new java.util.ArrayList<>();
        for (var e : array) {
            JsonObject l = e.getAsJsonObject();
            JsonObject physical = l.getAsJsonObject("physicalLocation");
            out.add(physical.getAsJsonObject("artifactLocation").get("uri").getAsString() + ":"
                    + physical.getAsJsonObject("region").get("startLine").getAsInt() + " "
                    + l.getAsJsonObject("message").get("text").getAsString());
        }
        return out;
    }

    @Test
    void runExitsWithTheJvmsStatusAndKeepsTheDumpWhenAsked() throws IOException {
        Path dump = dir.resolve("kept.json");
        Run r = run("run", "--dump", dump.toString(), "--", JAVA, "-cp", testClasses(),
                "dev.jlockdep.clitest.AbBaThenExit", "3");
        assertEquals(3, r.exit());
        assertEquals("jlockdep: 0 reports (0 possible deadlocks); dump: " + dump + "\n", r.err());
        assertEquals(0, run("check", dump.toString()).exit());
    }

    /**
     * A dump written by jlockdep at 51256e7 still reads; its baseline, from before a tangle was one problem
     * and keys lost their line numbers, is refused in one line; a baseline written again from the old dump
     * passes it and a new run of the same program under today's agent.
     */
    @Test
    void aDumpWrittenBy51256e7StillReadsAndItsBaselineIsRefused() throws IOException {
        Path oldDump = dir.resolve("dump-51256e7.json");
        Path baseline = dir.resolve("baseline-51256e7.txt");
        for (Path p : List.of(oldDump, baseline)) {
            try (InputStream in = CliTest.class.getResourceAsStream("/compat/" + p.getFileName())) {
                Files.copy(in, p);
            }
        }
        assertTrue(Files.readString(baseline).contains("recursive:class:java.util.Vector/0\n"));
        Run old = run("check", oldDump.toString(), "--baseline", baseline.toString());
        assertEquals(List.of(2, "", "jlockdep: " + baseline + ": baseline from an older jlockdep: run --write-baseline"
                + " again\n"), List.of(old.exit(), old.out(), old.err()));
        Run rewrite = run("check", oldDump.toString(), "--write-baseline", baseline.toString(), "--force");
        assertEquals(0, rewrite.exit(), rewrite.err());
        Run known = run("check", oldDump.toString(), "--baseline", baseline.toString());
        assertEquals(0, known.exit(), known.out() + known.err());
        assertEquals("jlockdep: 0 new possible deadlocks, 2 known, in 1 dump\n", known.out());

        Path now = dir.resolve("now.json");
        Run r = run("run", "--dump", now.toString(), "--", JAVA, "-cp", testClasses(), "dev.jlockdep.clitest.CompatProgram");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.err().endsWith("jlockdep: 2 reports (2 possible deadlocks); dump: " + now + "\n"), r.err());
        Run again = run("check", now.toString(), "--baseline", baseline.toString());
        assertEquals(0, again.exit(), again.out() + again.err());
        assertEquals("jlockdep: 0 new possible deadlocks, 2 known, in 1 dump\n", again.out());
    }

    @Test
    void attachLoadsTheAgentIntoARunningJvm() throws Exception {
        Path go = dir.resolve("go");
        Path targetErr = dir.resolve("target-err.txt");
        Process target = new ProcessBuilder(JAVA, "-cp", testClasses(), "dev.jlockdep.clitest.WaitsThenAbBa",
                go.toString()).redirectError(targetErr.toFile()).start();
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(target.getInputStream()))) {
            assertEquals("ready", lines.readLine());
            Path dump = dir.resolve("attached.json");
            Run attach = run("attach", Long.toString(target.pid()), "--agent-opt", "dump=" + dump);
            assertEquals(0, attach.exit(), attach.err());
            assertEquals("jlockdep: attached to process " + target.pid()
                    + "; its reports go to its stderr (locks it took before now are not known)\n", attach.out());
            Files.createFile(go);
            assertEquals("first then second", lines.readLine());
            assertEquals("done", lines.readLine());
            assertTrue(target.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            String err = Files.readString(targetErr);
            assertTrue(err.contains("jlockdep: attached to a running JVM: locks taken before now are not known,"
                    + " and releasing one is not reported\n"), err);
            assertTrue(err.contains("\nWARNING: possible circular locking dependency detected\n"), err);
            assertTrue(!err.contains("bad unlock"), "the lock taken before the attach: " + err);
            Run check = run("check", dump.toString());
            assertEquals(1, check.exit());
            assertEquals("new: circular WaitsThenAbBa.second -> WaitsThenAbBa.first -> WaitsThenAbBa.second (in "
                    + dump + ")", check.out().lines().findFirst().orElseThrow());
        } finally {
            target.destroyForcibly();
        }
    }

    @Test
    void attachToNoSuchProcessIsOneLine() {
        Run r = run("attach", "999999999");
        assertEquals(2, r.exit());
        assertTrue(r.err().startsWith("jlockdep: cannot attach to process 999999999: "), r.err());
        assertEquals(1, r.err().lines().count());
    }

    @Test
    void runRefusesWhatIsNotAJavaCommandAndPassesAgentErrorsOn() {
        Run notJava = run("run", "--", "mvn", "test");
        assertEquals(2, notJava.exit());
        assertEquals("jlockdep: the command must start with java (the JVM to run under the agent), not mvn\n",
                notJava.err());
        Run badOption = run("run", "--agent-opt", "onse=true", "--", JAVA, "-cp", testClasses(),
                "dev.jlockdep.clitest.AbBaThenExit", "0");
        assertEquals(1, badOption.exit());
        assertEquals(List.of("jlockdep: unknown agent option 'onse' (accepted: classInits, defaultSuppressions, dump, dumpEvery, events, exclude, include, log, maxChains, maxClasses, maxDependencies, maxStackFrames, once, stackDepth, suppressions, wakeUps, watchdog)",
                "jlockdep: the JVM wrote no dump (exit status 1)"), badOption.err().lines().toList());
    }

    @Test
    void badDumpsAreOneLineAndExitTwo() throws IOException {
        Path good = dump("good.json", v -> abba(v, "A", "B"));
        String valid = Files.readString(good);
        assertBadDump("missing.json", null, "no such file");
        assertBadDump("empty.json", "", "empty file, not a jlockdep dump");
        assertBadDump("truncated.json", valid.substring(0, valid.indexOf(",\"dependencies\"") + 1),
                "truncated: the JSON ends before the dump does");
        assertBadDump("other.json", "{\"schema\": \"something-else\", \"version\": 2}",
                "not a jlockdep dump (schema is not \"jlockdep-dump\")");
        assertBadDump("future.json", valid.replace("\"version\":2", "\"version\":99"),
                "dump version 99 is not supported (this jlockdep reads versions 1 to 2)");
        assertBadDump("deep.json", "[".repeat(100_000), "not valid JSON (nested deeper than 64 levels)");
        assertBadDump("dangling.json", valid.replaceFirst("\"from\":\\d+", "\"from\":4242"),
                "a dependency names class 4242, which the dump does not define");
        assertBadDump("array.json", "[1, 2]", "the dump is not a JSON object");
        assertBadDump("flat.json", "{\"schema\":\"jlockdep-dump\",\"version\":2,\"dependencies\":7}",
                "the dump: \"dependencies\" is not a list");
        assertBadDump("headless.json", "{\"classes\":[],\"dependencies\":[]}", "the dump has no \"schema\"");
        assertBadDump("typed.json", valid.replaceFirst("\"key\":\"[^\"]*\"", "\"key\":7"),
                "classes[0]: \"key\" is not a string");
    }

    /** Asserts exactly this one line on stderr, exit 2, and nothing on stdout, for report and check. */
    private void assertBadDump(String name, String content, String problem) throws IOException {
        Path file = dir.resolve(name);
        if (content != null) {
            Files.writeString(file, content);
        }
        for (String command : List.of("report", "check")) {
            Run r = run(command, file.toString());
            assertEquals(2, r.exit(), name);
            assertEquals("", r.out(), name);
            assertEquals("jlockdep: " + file + ": " + problem + "\n", r.err(), name);
        }
    }

    @Test
    void hostileNamesArePrintedAsTheyAre() throws IOException {
        String huge = "x".repeat(1_000_000);
        Path d = dump("hostile.json", v -> abba(v, "<script>alert(1)</script>", huge));
        Run r = run("check", d.toString());
        assertEquals(1, r.exit());
        assertTrue(r.out().startsWith("new: circular " + huge + " -> <script>alert(1)</script> -> " + huge));
    }

    @Test
    void anExistingOutputIsNotOverwrittenWithoutForce() throws IOException {
        Path d = dump("one.json", v -> abba(v, "A", "B"));
        Path out = dir.resolve("report.txt");
        Files.writeString(out, "keep me");
        Run refused = run("report", d.toString(), "-o", out.toString());
        assertEquals(2, refused.exit());
        assertEquals("jlockdep: " + out + " exists and is not jlockdep's; add --force to overwrite it\n", refused.err());
        assertEquals("keep me", Files.readString(out));
        Run forced = run("report", d.toString(), "-o", out.toString(), "--force");
        assertEquals(0, forced.exit());
        assertTrue(Files.readString(out).contains("WARNING: possible circular locking dependency detected"));
    }

    @Test
    void usageErrorsAreOneLine() throws IOException {
        Run badFormat = run("report", "--format", "xml", "x.json");
        assertEquals(2, badFormat.exit());
        assertEquals(1, badFormat.err().lines().count());
        Path baseline = dir.resolve("bad-baseline.txt");
        Files.writeString(baseline, "# fine\nnot a key\n");
        Path d = dump("one.json", v -> abba(v, "A", "B"));
        Run badBaseline = run("check", d.toString(), "--baseline", baseline.toString());
        assertEquals(2, badBaseline.exit());
        assertEquals("jlockdep: " + baseline + " line 2: not a jlockdep problem key\n", badBaseline.err());
    }
}
