package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.jlockdep.core.Suppressions;
import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Suppressions read by the agent: the user's file, a library's own on the class path, the shipped
 * defaults (switchable off). A suppressed problem is not printed, is counted at exit, and stays in the
 * dump marked with its rule; a bad file stops the JVM with one line.
 */
class SuppressionsIT {
    private static final String CYCLE = "dev.jlockdep.it.MonitorAbBa";
    private static final String COUNTED = "jlockdep: 1 problem suppressed (kept in the dump, marked with the rule)\n";

    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /** MonitorAbBa's real cycle, with {@code agentArgs} and {@code classpath}: its result and its one report in the dump. */
    private static Run run(Path jdk, Path dir, String agentArgs, String classpath) throws IOException {
        Path dump = dir.resolve("dump.json");
        AgentRun.Result r = AgentRun.run(jdk, true, "dump=" + dump + (agentArgs.isEmpty() ? "" : "," + agentArgs),
                List.of(), classpath, CYCLE, List.of());
        assertEquals(0, r.exit(), r.stderr());
        JsonObject dumped = JsonParser.parseString(Files.readString(dump)).getAsJsonObject();
        assertEquals(1, dumped.getAsJsonArray("reports").size(), r.stderr());
        return new Run(r, dumped.getAsJsonArray("reports").get(0).getAsJsonObject());
    }

    /** The cycle printed as ever, and not marked in the dump. */
    private static void assertPrinted(Path jdk, Run r) {
        Golden.of("SuppressionsIT/monitorAbBa").assertMatches(jdk, r.result().reports());
        assertNull(r.suppressedBy());
    }

    private record Run(AgentRun.Result result, JsonObject report) {
        String suppressedBy() {
            return report.has("suppressed") ? report.get("suppressed").getAsString() : null;
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aRuleOfTheUsersFileKeepsTheProblemOutOfStderrAndMarksItInTheDump(Path jdk, @TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.txt");
        Files.writeString(rules, "# the two blocks of MonitorAbBa\ncircular:frame:dev.jlockdep.it.MonitorAbBa.betaThenAlpha\n");
        Run r = run(jdk, dir, "suppressions=" + rules, "");
        assertEquals(COUNTED, r.result().stderr());
        assertEquals(rules + ":2: circular:frame:dev.jlockdep.it.MonitorAbBa.betaThenAlpha", r.suppressedBy());
        assertEquals("circular:[field:dev.jlockdep.it.MonitorAbBa.alpha/0, field:dev.jlockdep.it.MonitorAbBa.beta/0]",
                r.report().get("problem").getAsString());
    }

    /** A rule that matches nothing here (another kind, another thread) leaves the report as it was. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aRuleThatDoesNotMatchLeavesTheReport(Path jdk, @TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.txt");
        Files.writeString(rules, "recursive:frame:dev.jlockdep.it.MonitorAbBa.*\ncircular:thread:worker-*\n");
        assertPrinted(jdk, run(jdk, dir, "suppressions=" + rules, ""));
    }

    /** A library's own rules, on the class path, apply; {@code defaultSuppressions=false} turns them off. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLibraryShipsItsOwnRulesOnTheClassPath(Path jdk, @TempDir Path dir) throws IOException {
        Path resources = dir.resolve("library");
        Path file = resources.resolve(SuppressionFiles.LIBRARY_RESOURCE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "circular:class:dev.jlockdep.it.MonitorAbBa.*\n");
        Run r = run(jdk, dir, "", resources.toString());
        assertEquals(COUNTED, r.result().stderr());
        assertEquals(file.toUri().toURL() + ":1: circular:class:dev.jlockdep.it.MonitorAbBa.*", r.suppressedBy());

        assertPrinted(jdk, run(jdk, dir, "defaultSuppressions=false", resources.toString()));
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aBadRuleOrAMissingFileStopsTheJvmWithOneLine(Path jdk, @TempDir Path dir) throws IOException {
        Path rules = dir.resolve("rules.txt");
        Files.writeString(rules, "circular:frame:ok.*\ncircle:frame:x\n");
        AgentRun.Result bad = AgentRun.run(jdk, "suppressions=" + rules, List.of(), CYCLE, List.of());
        assertEquals(List.of(1, "", "jlockdep: " + rules + " line 2: not a suppression (expected"
                + " KIND:class|frame|thread:GLOB, such as recursive:frame:com.acme.Tree.walk)\n"),
                List.of(bad.exit(), bad.stdout(), bad.stderr()));
        Path missing = dir.resolve("missing.txt");
        AgentRun.Result none = AgentRun.run(jdk, "suppressions=" + missing, List.of(), CYCLE, List.of());
        assertEquals(List.of(1, "", "jlockdep: no such suppressions file: " + missing + "\n"),
                List.of(none.exit(), none.stdout(), none.stderr()));
    }

    /**
     * The shipped defaults take JUnit Platform's walk of its test tree (a parent's children set held while
     * a child's is taken, RELIABILITY.md) out, and nothing of the code under test; switchable off.
     */
    @Test
    void theDefaultsSuppressJUnitsOwnNestingOnly() throws IOException {
        Suppressions.Facts junitWalk = new Suppressions.Facts(ReportKind.RECURSIVE, "main",
                List.of("class:java.util.Collections$SynchronizedSet"), List.of("java.util.Collections$SynchronizedCollection"
                        + ".forEach", "org.junit.platform.engine.support.hierarchical.NodeTreeWalker.walk"));
        Suppressions.Facts codeUnderTest = new Suppressions.Facts(ReportKind.RECURSIVE, "main",
                List.of("class:com.acme.Node"), List.of("com.acme.Tree.walk", "org.junit.platform.engine.support"
                        + ".hierarchical.NodeTestTask.execute"));
        Suppressions defaults = SuppressionFiles.load(AgentOptions.parse(""));
        assertNotNull(defaults.match(junitWalk));
        assertTrue(defaults.match(junitWalk).startsWith("jlockdep's defaults:"), defaults.match(junitWalk));
        assertNull(defaults.match(codeUnderTest));
        assertNull(SuppressionFiles.load(AgentOptions.parse("defaultSuppressions=false")).match(junitWalk));
    }
}
