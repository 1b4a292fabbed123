package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.testing.SarifValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What users of any CLI expect: dumps by directory and glob, exit codes in --help, files as their tools make them. */
class CliConventionsTest {
    @TempDir
    Path dir;

    private static void abba(Validator v) {
        CliTest.abba(v, "A", "B");
    }

    @Test
    void dumpsAreNamedByFileDirectoryOrGlob() throws IOException {
        Path dumps = Files.createDirectories(dir.resolve("target"));
        CliTest.dump(dumps, "jlockdep-1.json", CliConventionsTest::abba);
        CliTest.dump(dumps, "jlockdep-2.json", CliConventionsTest::abba);
        Files.writeString(dumps.resolve("notes.txt"), "not a dump");
        String twoDumps = "jlockdep: 1 new possible deadlock, 0 known, in 2 dumps";
        for (String arg : List.of(dumps.toString(), dumps + "/", dumps + "/jlockdep-*.json", dir + "/*/jlockdep-?.json")) {
            CliTest.Run r = CliTest.run("check", arg);
            assertEquals(List.of(1, twoDumps), List.of(r.exit(), r.out().lines().reduce((a, b) -> b).orElse("")), arg);
        }
        CliTest.Run none = CliTest.run("check", dumps + "/other-*.json");
        assertEquals(List.of(2, "jlockdep: " + dumps + "/other-*.json: no file matches\n"), List.of(none.exit(), none.err()));
        Path empty = Files.createDirectories(dir.resolve("empty"));
        CliTest.Run noDumps = CliTest.run("report", empty.toString());
        assertEquals(List.of(2, "jlockdep: " + empty + ": a directory with no dumps (*.json) in it\n"),
                List.of(noDumps.exit(), noDumps.err()));
    }

    @Test
    void aBareJlockdepPrintsItsUsageAndEveryHelpListsTheExitCodes() {
        CliTest.Run bare = CliTest.run();
        assertEquals(0, bare.exit());
        assertTrue(bare.out().startsWith("Usage: jlockdep [-hV] [COMMAND]\n"), bare.out());
        CliTest.Run help = CliTest.run("check", "--help");
        assertTrue(help.out().endsWith("Exit codes:\n"
                + "  0   success: every problem the gate fails on is known (in the baseline)\n"
                + "  1   a new problem the gate fails on (listed)\n"
                + "  2   bad input: a usage error, a missing or bad dump, baseline or suppressions\n"
                + "        file (one line on stderr)\n"
                + "  3   an internal error of jlockdep (one line on stderr)\n"), help.out());
        for (String command : List.of("run", "attach", "report", "stats")) {
            CliTest.Run r = CliTest.run(command, "--help");
            assertTrue(r.out().contains("\nExit codes:\n") && r.out().contains("an internal error of jlockdep"), r.out());
        }
        assertTrue(bare.out().contains("\nExit codes:\n  0   success\n  1   check: a new possible deadlock; run: the"
                + " JVM's own status\n"), bare.out());
    }

    /** NO_COLOR, set to anything, turns the terminal's default colour off; an explicit --color=always stays. */
    @Test
    void noColorTurnsTheDefaultColourOff() {
        assertEquals(List.of(true, false, true, false, true, false),
                List.of(ReportCommand.colorOn(ReportCommand.Color.auto, true, null),
                        ReportCommand.colorOn(ReportCommand.Color.auto, true, "1"),
                        ReportCommand.colorOn(ReportCommand.Color.auto, true, ""),
                        ReportCommand.colorOn(ReportCommand.Color.auto, false, null),
                        ReportCommand.colorOn(ReportCommand.Color.always, false, "1"),
                        ReportCommand.colorOn(ReportCommand.Color.never, true, null)));
    }

    @Test
    void enumValuesIgnoreCase() throws IOException {
        Path d = CliTest.dump(dir, "one.json", CliConventionsTest::abba);
        CliTest.Run r = CliTest.run("report", "--format", "JSON", "--color", "Never", d.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().startsWith("{\n \"schema\": \"jlockdep-report\""), r.out());
    }

    /**
     * An output file gets the permissions any new file gets here (the umask's), and jlockdep replaces its
     * own outputs and anything under target/ or build/ without --force, never another file.
     */
    @Test
    void outputsFollowTheUmaskAndOnlyJlockdepsOwnAreReplaced() throws IOException {
        Path d = CliTest.dump(dir, "one.json", CliConventionsTest::abba);
        Path probe = Files.createFile(dir.resolve("probe"));
        for (String format : List.of("text", "json", "sarif", "dot", "html")) {
            Path out = dir.resolve("report." + format);
            assertEquals(0, CliTest.run("report", "--format", format, "-o", out.toString(), d.toString()).exit());
            assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(out), format);
            CliTest.Run again = CliTest.run("report", "--format", format, "-o", out.toString(), d.toString());
            assertEquals(List.of(0, ""), List.of(again.exit(), again.err()), format);
            if (format.equals("sarif")) {
                SarifValidator.assertAccepted(out);
            }
        }
        Path foreign = dir.resolve("notes.txt");
        Files.writeString(foreign, "keep me");
        CliTest.Run refused = CliTest.run("report", "-o", foreign.toString(), d.toString());
        assertEquals(List.of(2, "jlockdep: " + foreign + " exists and is not jlockdep's; add --force to overwrite it\n"),
                List.of(refused.exit(), refused.err()));
        assertEquals("keep me", Files.readString(foreign));
        Path built = Files.createDirectories(dir.resolve("build/reports")).resolve("notes.txt");
        Files.writeString(built, "an old output");
        assertEquals(0, CliTest.run("report", "-o", built.toString(), d.toString()).exit());
        assertTrue(Files.readString(built).contains("WARNING: possible circular locking dependency detected"));
    }

    /** --fail-on chooses the kinds the gate fails on: a bad unlock passes by default, fails when named. */
    @Test
    void failOnNamesTheKindsTheGateFailsOn() throws IOException {
        Path d = CliTest.dump(dir, "unlock.json", v -> {
            Object lock = new Object();
            v.name(lock, "key:L", "L", WaitType.SLEEP);
            v.release(lock, 0, 0);
        });
        assertEquals("jlockdep: 0 new possible deadlocks, 0 known, in 1 dump\n", CliTest.run("check", d.toString()).out());
        CliTest.Run failing = CliTest.run("check", "--fail-on", "Bad-Unlock,circular", d.toString());
        assertEquals(1, failing.exit());
        assertEquals("jlockdep: 1 new problem, 0 known, in 1 dump", failing.out().lines().reduce((a, b) -> b).get());
        CliTest.Run bad = CliTest.run("check", "--fail-on", "deadlock", d.toString());
        assertEquals(List.of(2, "jlockdep: unknown kind 'deadlock' for --fail-on (kinds: circular, recursive, starvation,"
                + " bad-unlock, held-at-exit, warning, stall)\n"), List.of(bad.exit(), bad.err()));
    }

    /**
     * An entry no dump shows any more is reported as stale; --write-baseline over a baseline rewrites it in
     * place: its comments and the order of its entries kept, the stale one dropped, the new ones after.
     */
    @Test
    void staleEntriesAreSaidAndABaselineIsRewrittenInPlace() throws IOException {
        Path d = CliTest.dump(dir, "two.json", v -> {
            CliTest.abba(v, "A", "B");
            CliTest.abba(v, "C", "D");
        });
        Path baseline = dir.resolve("baseline.txt");
        Files.writeString(baseline, "# jlockdep baseline, keys of 2026-12: known possible deadlocks, one problem key per"
                + " line\n# C and D: the legacy importer, ticket 12\ncircular:[key:C/0, key:D/0]\n\n# gone since\n"
                + "circular:[key:E/0, key:F/0]\n");
        CliTest.Run check = CliTest.run("check", d.toString(), "--baseline", baseline.toString());
        assertEquals(List.of("new: circular B -> A -> B (in " + d + ")", "     key: circular:[key:A/0, key:B/0]",
                "stale: circular:[key:E/0, key:F/0]", "jlockdep: 1 new possible deadlock, 1 known, 1 stale baseline entry"
                        + " (--write-baseline drops them), in 1 dump"), check.out().lines().toList());
        CliTest.Run write = CliTest.run("check", d.toString(), "--write-baseline", baseline.toString());
        assertEquals(0, write.exit(), write.err());
        assertEquals(List.of("# jlockdep baseline, keys of 2026-12: known possible deadlocks, one problem key per line",
                "# C and D: the legacy importer, ticket 12", "circular:[key:C/0, key:D/0]", "", "# gone since",
                "circular:[key:A/0, key:B/0]"), Files.readAllLines(baseline));
    }
}
