package dev.jlockdep.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.cli.Main;
import dev.jlockdep.testing.SarifValidator;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the sample projects of src/it did when a real Maven built them with this plugin (the invoker
 * plugin builds them in the integration-test phase, before these tests, and fails the build if one
 * ended other than its invoker.properties expects): their build logs and the files they left.
 */
class MavenPluginIT {
    private static final Path PROJECTS = Path.of(System.getProperty("jlockdep.it.projects"));

    private static List<String> log(String project) throws IOException {
        return Files.readAllLines(PROJECTS.resolve(project).resolve("build.log"));
    }

    private static long count(List<String> log, String line) {
        return log.stream().filter(line::equals).count();
    }

    private static List<String> files(Path dir, String glob) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.matches(glob)).sorted().toList();
        }
    }

    /** Tests that take two locks both ways: check fails the build, naming the cycle and its key. */
    @Test
    void aCycleInTheTestsFailsTheBuild() throws IOException {
        List<String> log = log("abba");
        Path dumps = PROJECTS.resolve("abba/target/jlockdep");
        assertTrue(log.contains("WARNING: possible circular locking dependency detected"), "the test JVM's splat");
        Pattern newCycle = Pattern.compile(Pattern.quote("[INFO] new: circular BankTest.ACCOUNTS -> BankTest.LEDGER ->"
                + " BankTest.ACCOUNTS (in " + dumps + "/jlockdep-") + "\\d+\\.json\\)");
        assertEquals(2, log.stream().filter(l -> newCycle.matcher(l).matches()).count(), String.join("\n", log));
        assertEquals(2, count(log, "[INFO]      key: circular:[field:bank.BankTest.ACCOUNTS/0, field:bank.BankTest.LEDGER/0]"));
        assertEquals(2, count(log, "[INFO] jlockdep: 1 new possible deadlock, 0 known, 1 suppressed, in 1 dump"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[ERROR] Failed to execute goal dev.jlockdep:jlockdep-maven-plugin:")
                && l.contains(":check (default) on project abba: jlockdep: new possible deadlocks in the tests")), String.join("\n", log));
        assertEquals(1, count(log, "[INFO] BUILD FAILURE"));
        assertEquals(1, count(log, "[ERROR] jlockdep: new possible deadlocks in the tests (listed above; `mvn jlockdep:report`"
                + " for the reports, `mvn jlockdep:write-baseline` to accept them)"), "haltOnFailure=false: said, and on");
        assertEquals(1, count(log, "[INFO] BUILD SUCCESS"));
        assertEquals(1, files(dumps, "jlockdep-\\d+\\.json").size());
    }

    /**
     * One lock order: check passes over the unit tests' dump and the integration tests'; a second build
     * finds only its own dumps (the first build's are gone); the reports land in target/jlockdep; with
     * jlockdep.skip the tests run without the agent and check says it skipped.
     */
    @Test
    void aCleanBuildPassesOverUnitAndIntegrationDumps() throws IOException {
        List<String> log = log("clean");
        assertEquals(2, count(log, "[INFO] jlockdep: 0 new possible deadlocks, 0 known, 1 suppressed, 1 stale baseline"
                + " entry (--write-baseline drops them), in 2 dumps"), String.join("\n", log));
        assertEquals(2, count(log, "[WARNING] stale: circular:[field:bank.BankTest.AUDIT_LOG/0, field:bank.BankTest.LEDGER/0]"
                + " (a baseline entry the dumps no longer hold)"));
        Path dumps = PROJECTS.resolve("clean/target/jlockdep");
        assertEquals(1, files(dumps, "jlockdep-\\d+\\.json").size());
        assertEquals(1, files(dumps.resolve("it"), "jlockdep-\\d+\\.json").size());
        assertEquals(List.of("jlockdep.sarif", "report.html", "report.json"), files(dumps, "(report|jlockdep)\\..*"));
        assertTrue(Files.readString(dumps.resolve("jlockdep.sarif")).contains("\"version\": \"2.1.0\""));
        SarifValidator.assertAccepted(dumps.resolve("jlockdep.sarif"));
        assertEquals(2, count(log, "[INFO] jlockdep: skipped (jlockdep.skip)"), "prepare-agent and prepare-agent-integration");
        assertEquals(1, count(log, "[INFO] jlockdep: check skipped (jlockdep.skip)"));
        assertEquals(4, count(log, "[INFO] BUILD SUCCESS"));
    }

    /** write-baseline accepts the cycle; check then passes on it as known. */
    @Test
    void aBaselineWrittenByTheGoalIsRead() throws IOException {
        List<String> log = log("baseline");
        Path baseline = PROJECTS.resolve("baseline/jlockdep-baseline.txt");
        assertEquals(1, count(log, "[INFO] jlockdep: wrote 1 known problem to " + baseline));
        assertEquals(List.of("circular:[field:bank.BankTest.ACCOUNTS/0, field:bank.BankTest.LEDGER/0]"),
                Files.readAllLines(baseline).stream().filter(l -> !l.startsWith("#")).toList());
        assertEquals(1, count(log, "[INFO] jlockdep: 0 new possible deadlocks, 1 known, 1 suppressed, in 1 dump"));
        assertEquals(1, count(log, "[INFO] jlockdep: check skipped: no tests ran under the agent in this module"),
                "-DskipTests");
        assertEquals(3, count(log, "[INFO] BUILD SUCCESS"));
    }

    /** JaCoCo's prepare-agent and this plugin's on one build: both agents run in the test JVM. */
    @Test
    void jacocoAndJlockdepShareTheTestJvm() throws IOException {
        List<String> log = log("jacoco");
        Path target = PROJECTS.resolve("jacoco/target");
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[INFO] jlockdep: argLine set to -javaagent:")
                && l.contains("jlockdep-agent-") && l.contains(" -javaagent:") && l.contains("org.jacoco.agent-")), String.join("\n", log));
        assertTrue(Files.size(target.resolve("jacoco.exec")) > 0, "JaCoCo wrote its coverage");
        assertEquals(1, files(target.resolve("jlockdep"), "jlockdep-\\d+\\.json").size());
        assertEquals(1, count(log, "[INFO] jlockdep: 0 new possible deadlocks, 0 known, 1 suppressed, in 1 dump"));
        assertEquals(1, count(log, "[INFO] BUILD SUCCESS"));
    }

    /**
     * Two modules whose tests take the bank's locks in one order each: each module's check passes; the
     * aggregate, over both modules' dumps, finds the cycle across them and fails.
     */
    @Test
    void theAggregateFindsACycleAcrossModules() throws IOException {
        List<String> log = log("modules");
        assertEquals(2, count(log, "[INFO] jlockdep: 0 new possible deadlocks, 0 known, 1 suppressed, in 1 dump"),
                "transfers and audits, each alone");
        assertEquals(2, count(log, "[INFO] jlockdep: check skipped: no tests ran under the agent in this module"),
                "the parent and core");
        Path modules = PROJECTS.resolve("modules");
        Pattern across = Pattern.compile(Pattern.quote("[INFO] new: circular Locks.ACCOUNTS -> Locks.LEDGER -> Locks.ACCOUNTS"
                + " (across dumps) (in " + modules.resolve("transfers/target/jlockdep") + "/jlockdep-") + "\\d+"
                + Pattern.quote(".json, " + modules.resolve("audits/target/jlockdep") + "/jlockdep-") + "\\d+\\.json\\)");
        assertEquals(1, log.stream().filter(l -> across.matcher(l).matches()).count(), String.join("\n", log));
        assertEquals(1, count(log, "[INFO]      key: circular:[field:bank.Locks.ACCOUNTS/0, field:bank.Locks.LEDGER/0]"));
        assertEquals(1, count(log, "[INFO] jlockdep: 1 new possible deadlock, 0 known, 1 suppressed, in 2 dumps"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[ERROR] Failed to execute goal dev.jlockdep:jlockdep-maven-plugin:")
                && l.contains(":check-aggregate (default-cli) on project modules:")), String.join("\n", log));
        Path reports = modules.resolve("target/jlockdep");
        assertEquals(List.of("jlockdep.sarif", "report.html", "report.json"), files(reports, "(report|jlockdep)\\..*"));
        assertTrue(Files.readString(reports.resolve("report.json")).contains("Locks.ACCOUNTS"), "the merged reports");
    }

    /**
     * The same AB-BA with jlockdep-junit on the test class path: the extension, found without an
     * annotation, fails the test during which the report appeared; with test failures ignored, check
     * fails too, naming the test its listener saw the cycle first in.
     */
    @Test
    void withTheJunitExtensionTheTestFailsAndCheckNamesIt() throws Exception {
        List<String> log = log("junit");
        assertEquals(2, count(log, "[ERROR]   BankTest.transfer jlockdep: 1 new report while this test ran:"),
                String.join("\n", log));
        assertEquals(1, count(log, "[INFO]      key: circular:[field:bank.BankTest.ACCOUNTS/0, field:bank.BankTest.LEDGER/0]"));
        assertEquals(1, count(log, "[INFO]      first seen in: BankTest.transfer"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("[ERROR] Failed to execute goal org.apache.maven.plugins:"
                + "maven-surefire-plugin:") && l.contains("on project junit: There are test failures")), String.join("\n", log));
        assertTrue(log.stream().anyMatch(l -> l.contains(":check (default) on project junit: jlockdep: new possible"
                + " deadlocks")), String.join("\n", log));
        Path reports = PROJECTS.resolve("junit/target/jlockdep");
        assertTrue(Files.readString(reports.resolve("jlockdep.sarif")).contains("\"firstSeenIn\": \"BankTest.transfer\""));
        SarifValidator.assertAccepted(reports.resolve("jlockdep.sarif"));
        assertTrue(Files.readString(reports.resolve("report.json")).contains("\"firstSeenIn\": \"BankTest.transfer\""));
        String page = Files.readString(reports.resolve("report.html"));
        // found in the test source root Maven compiles (below target/, where no search looks), relative to the git root
        String test = "[^\"]*src/test/java/bank/BankTest\\.java";
        assertTrue(page.contains("<td>BankTest.transfer</td></tr>"), "first seen in the test: " + page);
        assertTrue(Pattern.compile("<a href=\"https://example\\.org/junit/blob/main/" + test + "#L\\d+\">").matcher(page).find(),
                "a link to the test: " + page);
        assertTrue(Pattern.compile("\"uri\": \"" + test + "\"").matcher(Files.readString(reports.resolve("jlockdep.sarif"))).find(),
                "SARIF finds it");
        List<Path> dumps = DumpsMojo.dumpsIn(reports);
        StringWriter out = new StringWriter();
        assertEquals(0, Main.execute(new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), "report",
                dumps.get(0).toString()));
        assertEquals(1, out.toString().lines().filter("jlockdep: first seen in BankTest.transfer"::equals).count(),
                out.toString());
    }
}
