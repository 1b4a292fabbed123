package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jlockdep.testing.AgentRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Agent options in forked JVMs: bad ones stop the JVM with one line; good ones do what they say. */
class AgentOptionsIT {

    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void mistypedKeyStopsTheJvmWithOneLine(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, "dupm=x.json", "dev.jlockdep.it.CleanProgram");
        assertEquals("jlockdep: unknown agent option 'dupm' (accepted: classInits, defaultSuppressions, dump, dumpEvery, events, exclude, include, log, maxChains, maxClasses, maxDependencies, maxStackFrames, once, stackDepth, suppressions, wakeUps, watchdog)\n",
                r.stderr());
        assertEquals("", r.stdout(), "the program never ran");
        assertEquals(1, r.exit());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void badValueStopsTheJvmWithOneLine(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, "once=yes", "dev.jlockdep.it.CleanProgram");
        assertEquals("jlockdep: bad value 'yes' for agent option 'once': expected true or false\n", r.stderr());
        assertEquals("", r.stdout(), "the program never ran");
        assertEquals(1, r.exit()); // every other mistake: AgentOptionsTest
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aLogThatCannotBeOpenedStopsTheJvmWithOneLine(Path jdk, @TempDir Path dir) throws IOException {
        Path log = Files.createFile(dir.resolve("a-file")).resolve("jlockdep.log");
        AgentRun.Result r = AgentRun.run(jdk, "log=" + log, "dev.jlockdep.it.CleanProgram");
        assertTrue(r.stderr().startsWith("jlockdep: cannot open the log " + log + ": "), r.stderr());
        assertEquals(1, r.stderr().lines().count(), r.stderr());
        assertEquals("", r.stdout(), "the program never ran");
        assertEquals(1, r.exit());
    }

    /** A run-time image without Flight Recorder: the agent never touches its event classes, and reports as ever. */
    @ParameterizedTest
    @MethodSource("jdks")
    void withoutFlightRecorderTheAgentReportsAsEver(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, "dev.jlockdep.it.WaitReacquire", "--limit-modules",
                "java.base,java.instrument");
        assertEquals(List.of("WARNING: possible circular locking dependency detected",
                "WARNING: possible circular locking dependency detected"), titles(r.reports()));
        assertEquals("state then io\nfinished\n", r.stdout());
        assertEquals(0, r.exit());
    }

    /** Kernel default is stop-after-first; ours keeps validating unless once=true. */
    @ParameterizedTest
    @MethodSource("jdks")
    void onceStopsAfterTheFirstReport(Path jdk) {
        String all = AgentRun.run(jdk, null, "dev.jlockdep.it.WaitReacquire").reports();
        assertEquals(List.of("WARNING: possible circular locking dependency detected",
                "WARNING: possible circular locking dependency detected"), titles(all));
        AgentRun.Result once = AgentRun.run(jdk, "once=true", "dev.jlockdep.it.WaitReacquire");
        assertEquals(List.of("WARNING: possible circular locking dependency detected"), titles(once.reports()));
        assertEquals("state then io\nfinished\n", once.stdout());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void includeAndExcludeChooseTheInstrumentedClasses(Path jdk) {
        assertEquals("", AgentRun.run(jdk, "include=com.example.*", "dev.jlockdep.it.MonitorAbBa").reports());
        assertEquals("", AgentRun.run(jdk, "exclude=dev.jlockdep.it.Monitor*", "dev.jlockdep.it.MonitorAbBa").reports());
        assertEquals(List.of("WARNING: possible circular locking dependency detected"), titles(
                AgentRun.run(jdk, "include=dev.jlockdep.it.*:com.example.*", "dev.jlockdep.it.MonitorAbBa").reports()));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void dumpHoldsClassesDependenciesAndReports(Path jdk, @TempDir Path dir) throws IOException {
        AgentRun.Result r = AgentRun.run(jdk, "dump=" + dir.resolve("run-%p.json"), "dev.jlockdep.it.MonitorAbBa");
        assertEquals(0, r.exit());
        List<Path> dumps;
        try (Stream<Path> files = Files.list(dir)) {
            dumps = files.toList();
        }
        assertEquals(1, dumps.size());
        Path dump = dumps.get(0);
        assertTrue(dump.getFileName().toString().matches("run-\\d+\\.json"), "%p became the pid: " + dump);
        JsonObject root = JsonParser.parseString(Files.readString(dump)).getAsJsonObject();
        assertEquals("jlockdep-dump", root.get("schema").getAsString());
        assertEquals(2, root.get("version").getAsInt());

        Map<Integer, String> keys = new HashMap<>();
        for (JsonElement c : root.getAsJsonArray("classes")) {
            JsonObject o = c.getAsJsonObject();
            keys.put(o.get("id").getAsInt(), o.get("key").getAsString());
        }
        // The thread made in Threads.runInThread is an event (its joiners wait for its end): a class too; and
        // the main class's static initializer, which made the monitors, a pseudo-lock.
        String thread = "thread:alloc:dev.jlockdep.it.Threads.runInThread";
        assertEquals(Map.of(1, "clinit:dev.jlockdep.it.MonitorAbBa", 2, "field:dev.jlockdep.it.MonitorAbBa.alpha",
                3, "field:dev.jlockdep.it.MonitorAbBa.beta", 4, thread), keys);

        List<String> edges = new ArrayList<>();
        for (JsonElement d : root.getAsJsonArray("dependencies")) {
            JsonObject o = d.getAsJsonObject();
            int topFrame = root.getAsJsonArray("stacks").get(o.get("stack").getAsInt()).getAsJsonArray().get(0).getAsInt();
            JsonObject top = root.getAsJsonArray("frames").get(topFrame).getAsJsonObject();
            edges.add(keys.get(o.get("from").getAsInt()) + " -> " + keys.get(o.get("to").getAsInt())
                    + " " + o.getAsJsonArray("kinds") + " by " + AgentRun.normalise(o.get("thread").getAsString())
                    + " at " + top.get("method").getAsString() + ":" + top.get("line").getAsInt());
        }
        assertEquals(List.of(
                "field:dev.jlockdep.it.MonitorAbBa.alpha -> field:dev.jlockdep.it.MonitorAbBa.beta [\"EN\"] by first/TID at alphaThenBeta:16",
                "field:dev.jlockdep.it.MonitorAbBa.beta -> field:dev.jlockdep.it.MonitorAbBa.alpha [\"EN\"] by main/TID at betaThenAlpha:24",
                thread + " -> field:dev.jlockdep.it.MonitorAbBa.alpha [\"EN\"] by first/TID at alphaThenBeta:15"),
                edges.stream().sorted().toList());

        JsonArray reports = root.getAsJsonArray("reports");
        assertEquals(1, reports.size());
        JsonObject report = reports.get(0).getAsJsonObject();
        assertEquals("circular", report.get("kind").getAsString());
        assertEquals("[\"field:dev.jlockdep.it.MonitorAbBa.beta\",\"field:dev.jlockdep.it.MonitorAbBa.alpha\"]",
                report.getAsJsonArray("chain").toString());
        assertTrue(report.get("confirmed").getAsBoolean());
        assertEquals(r.stderr().strip(), report.get("text").getAsString().strip(), "the dump holds the printed splat");
    }

    /** A limit reached is said once, validation stops there, and the program runs on to its end. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLimitReachedTurnsValidationOffWithOneMessage(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, "maxDependencies=1", "dev.jlockdep.it.MonitorAbBa");
        assertEquals(0, r.exit());
        assertEquals("alpha then beta\nbeta then alpha\nfinished\n", r.stdout());
        assertEquals(List.of("BUG: maxDependencies too low! (1 dependencies; raise the agent option maxDependencies)",
                        "turning off the locking correctness validator."),
                r.stderr().lines().filter(l -> l.startsWith("BUG: ") || l.startsWith("turning off")).toList());
        assertEquals(List.of("------------[ cut here ]------------"),
                r.stderr().lines().filter(l -> l.startsWith("----")).toList(), "one report, the limit's: no cycle");
        r = AgentRun.run(jdk, "maxChains=0", "dev.jlockdep.it.CleanProgram");
        assertEquals("jlockdep: bad value '0' for agent option 'maxChains': expected a whole number from 1 to 1073741824\n",
                r.stderr());
        assertEquals(1, r.exit());
    }

    private static List<String> titles(String reports) {
        return reports.lines().filter(l -> l.startsWith("WARNING: ")).toList();
    }
}
