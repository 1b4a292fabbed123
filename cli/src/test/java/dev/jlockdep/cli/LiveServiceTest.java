package dev.jlockdep.cli;

import static dev.jlockdep.cli.CliTest.run;
import static dev.jlockdep.cli.CliTest.testClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.cli.CliTest.Run;
import dev.jlockdep.report.DumpReader;
import dev.jlockdep.report.LoadedDump;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A service that keeps running (the test program {@code clitest.Service}), asked while it runs: its
 * dump, its status, a second attach, its log, its periodic dump and its Flight Recorder events; on the
 * JDK of the build and on Temurin 25.
 */
class LiveServiceTest {
    @TempDir
    Path dir;

    static Stream<Path> jdks() {
        return Stream.of(Path.of(System.getProperty("java.home")), Path.of(System.getProperty("jlockdep.jdk25.home")));
    }

    /** The service JVM, talked to one command per line; its stderr goes to a file. */
    static final class Service implements AutoCloseable {
        final Process process;
        final Path stderr;
        private final BufferedReader out;
        private final PrintWriter in;

        Service(Path jdk, Path dir, String... jvmArgs) throws IOException {
            List<String> command = new ArrayList<>(List.of(jdk.resolve("bin/java").toString()));
            command.addAll(List.of(jvmArgs));
            command.addAll(List.of("-cp", testClasses(), "dev.jlockdep.clitest.Service"));
            stderr = Files.createTempFile(dir, "service", ".err");
            process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            until("ready"); // Flight Recorder's start-up lines may come first
        }

        long pid() {
            return process.pid();
        }

        /** Sends a command and waits until the service says it is done. */
        void ask(String command) throws IOException {
            in.println(command);
            until(command + " done");
        }

        private void until(String line) throws IOException {
            List<String> seen = new ArrayList<>();
            for (String l = out.readLine(); !line.equals(l); l = out.readLine()) {
                assertTrue(l != null, "the service ended before '" + line + "': " + seen + " " + Files.readString(stderr));
                seen.add(l);
            }
        }

        int stop() throws Exception {
            in.println("stop");
            assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the service stops when told");
            return process.exitValue();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aRunningServiceIsAskedForItsDumpAndStatusAndLogsAndRecordsOnItsOwn(Path jdk) throws Exception {
        Path recording = dir.resolve("service.jfr");
        String agent = "-javaagent:" + AgentJar.find(null) + "=log=" + dir.resolve("agent-%p-%t.log") + ",dump="
                + dir.resolve("periodic-%p.json") + ",dumpEvery=1,watchdog=1";
        try (Service service = new Service(jdk, dir, agent, "-XX:StartFlightRecording:filename=" + recording)) {
            long pid = service.pid();
            Run before = run("status", Long.toString(pid));
            assertEquals(0, before.exit(), before.err());
            assertTrue(before.out().startsWith("process " + pid + " ("), before.out());
            assertTrue(before.out().lines().findFirst().orElseThrow().matches("process " + pid
                    + " \\(\\S+ jlockdep \\S+\\): validation on"), before.out());
            assertTrue(before.out().contains("\n" + stat("reports", 0)), before.out());

            service.ask("abba");
            Run status = run("status", Long.toString(pid));
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("\n" + stat("reports", 1) + stat("  circular", 1)
                    + stat("possible deadlocks", 1)), status.out());

            Path live = dir.resolve("live.json");
            Run dump = run("dump", Long.toString(pid), "-o", live.toString());
            assertEquals(0, dump.exit(), dump.err());
            LoadedDump read = DumpReader.read(live);
            assertEquals("jlockdep: dump of process " + pid + " written to " + live + " (" + read.classes().size()
                    + " lock classes, " + read.dependencies().size() + " dependencies, 1 report)\n", dump.out());
            Run check = run("check", live.toString());
            assertEquals(1, check.exit(), check.out() + check.err());
            assertEquals("new: circular Service.second -> Service.first -> Service.second (in " + live + ")",
                    check.out().lines().findFirst().orElseThrow());
            Run again = run("dump", Long.toString(pid), "-o", live.toString());
            assertEquals(0, again.exit(), "a dump of jlockdep's own is replaced without --force: " + again.err());

            Path periodic = dir.resolve("periodic-" + pid + ".json");
            awaitState("the periodic dump holds the report", () -> reports(periodic) == 1);

            Run attach = run("attach", Long.toString(pid));
            assertEquals(0, attach.exit(), attach.err());
            assertTrue(attach.out().matches("jlockdep: already attached: process " + pid
                    + " runs the agent \\S+; nothing changed\n"), attach.out());

            service.ask("hold");
            Path log = onlyFile(dir, "agent-" + pid + "-");
            assertTrue(log.getFileName().toString().matches("agent-" + pid + "-\\d{8}-\\d{6}\\.log"), log.toString());
            awaitState("the watchdog's report is in the log", () -> read(log).contains("INFO: task holder/"));
            service.ask("release");
            service.ask("statistics");
            assertEquals(0, service.stop());

            assertEquals("", Files.readString(service.stderr), "the log takes all the agent says");
            String logged = read(log);
            assertTrue(logged.startsWith("\n======================================================\n"
                    + "WARNING: possible circular locking dependency detected\n"), logged);
            assertTrue(logged.contains("\nINFO: task holder/"), logged);
            assertFalse(logged.contains("jlockdep: the agent already runs"), "the second attach said nothing in the JVM: " + logged);
            assertEquals(2, reports(periodic), "the dump at exit replaced the periodic one: circular and stall");

            List<RecordedEvent> events = RecordingFile.readAllEvents(recording).stream()
                    .filter(e -> e.getEventType().getName().startsWith("dev.jlockdep.")).toList();
            RecordedEvent report = only(events, "dev.jlockdep.Report");
            assertEquals("circular", report.getString("kind"));
            assertEquals("circular Service.second -> Service.first -> Service.second", report.getString("summary"));
            assertEquals("circular:[field:dev.jlockdep.clitest.Service.first/0, field:dev.jlockdep.clitest.Service.second/0]",
                    report.getString("problemKey"));
            assertTrue(report.getBoolean("confirmed"));
            assertTrue(report.getString("stack").startsWith("dev.jlockdep.clitest.Service.abba(Service.java:"),
                    report.getString("stack"));
            assertTrue(report.getStackTrace().getFrames().stream()
                    .anyMatch(f -> f.getMethod().getName().equals("abba")), "the event's own stack is the thread's");
            RecordedEvent stall = only(events, "dev.jlockdep.Stall");
            assertEquals("holder", stall.getString("stuckThread").replaceAll("/\\d+$", ""));
            assertEquals("Service.held", stall.getString("heldLocks"));
            assertEquals(1, stall.getInt("seconds"));
            RecordedEvent statistics = events.stream().filter(e -> e.getEventType().getName()
                    .equals("dev.jlockdep.Statistics")).reduce((a, b) -> b).orElseThrow();
            assertTrue(statistics.getBoolean("validating"));
            assertTrue(statistics.getInt("lockClasses") >= 3, statistics.toString());

            ProcessBuilder print = new ProcessBuilder(jdk.resolve("bin/jfr").toString(), "print", "--events",
                    "dev.jlockdep.Report", recording.toString()).redirectErrorStream(true);
            Process jfr = print.start();
            String printed = new String(jfr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, jfr.waitFor());
            assertTrue(printed.contains("summary = \"circular Service.second -> Service.first -> Service.second\""),
                    printed);
        }
    }

    @Test
    void aSecondAttachSaysSoAndTheJvmPrintsNothing() throws Exception {
        Path jdk = Path.of(System.getProperty("jlockdep.jdk25.home"));
        try (Service service = new Service(jdk, dir)) {
            long pid = service.pid();
            Run first = run("attach", Long.toString(pid), "--agent-opt", "log=" + dir.resolve("attached-%p.log"));
            assertEquals(0, first.exit(), first.err());
            Path log = dir.resolve("attached-" + pid + ".log").toAbsolutePath();
            assertEquals("jlockdep: attached to process " + pid + "; its reports go to " + log
                    + " (locks it took before now are not known)\n", first.out(), "the log's name as the agent made it");
            assertTrue(Files.exists(log));
            String afterFirst = Files.readString(service.stderr);
            Run second = run("attach", Long.toString(pid));
            assertEquals(0, second.exit(), second.err());
            assertTrue(second.out().matches("jlockdep: already attached: process " + pid
                    + " runs the agent \\S+; nothing changed\n"), second.out());
            Run status = run("status", Long.toString(pid));
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().contains("): validation on\n"), status.out());
            assertEquals(0, service.stop());
            assertEquals(afterFirst, Files.readString(service.stderr), "nothing after the first attach");
            assertFalse(afterFirst.contains("jlockdep:"), "all the agent says goes to its log: " + afterFirst);
            assertTrue(read(log).startsWith("jlockdep: attached to a running JVM"), read(log));
        }
    }

    @Test
    void statusSaysWhenValidationWasTurnedOff() throws Exception {
        String agent = "-javaagent:" + AgentJar.find(null) + "=maxDependencies=1";
        try (Service service = new Service(Path.of(System.getProperty("java.home")), dir, agent)) {
            service.ask("abba"); // its second dependency is one too many
            Run status = run("status", Long.toString(service.pid()));
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().lines().findFirst().orElseThrow().endsWith("): validation off (a limit was reached"
                    + " or an internal error turned it off: the log says which)"), status.out());
            assertEquals(0, service.stop());
            assertTrue(Files.readString(service.stderr).contains("BUG: maxDependencies too low!"));
        }
    }

    @Test
    void anAgentWithoutItsSocketSaysWhyOnBothSides() throws Exception {
        Path missing = dir.resolve("no-such-dir");
        try (Service service = new Service(Path.of(System.getProperty("java.home")), dir,
                "-javaagent:" + AgentJar.find(null), "-Djava.io.tmpdir=" + missing)) {
            Run status = run("status", Long.toString(service.pid()));
            assertEquals(2, status.exit());
            assertTrue(status.err().startsWith("jlockdep: the agent in process " + service.pid()
                    + " has no control socket (java.nio.file.NoSuchFileException: " + missing + "/jlockdep-"), status.err());
            assertEquals(1, status.err().lines().count(), status.err());
            assertEquals(0, service.stop());
            String said = Files.readString(service.stderr);
            assertTrue(said.startsWith("jlockdep: no control socket (java.nio.file.NoSuchFileException: "), said);
            assertTrue(said.endsWith("): jlockdep dump and status cannot ask this JVM\n"), said);
        }
    }

    @Test
    void aJvmWithoutTheAgentOrNoJvmAtAllIsOneLine() throws Exception {
        try (Service service = new Service(Path.of(System.getProperty("java.home")), dir)) {
            long pid = service.pid();
            for (String command : List.of("dump", "status")) {
                Run r = run(command, Long.toString(pid));
                assertEquals(2, r.exit(), command);
                assertEquals("jlockdep: process " + pid + " does not run the jlockdep agent (start it with -javaagent,"
                        + " or jlockdep attach " + pid + ")\n", r.err());
            }
            assertEquals(0, service.stop());
            assertEquals("", Files.readString(service.stderr));
        }
        Process notJava = new ProcessBuilder("sleep", "600").start();
        try { // the Attach API gives up on it after ten seconds: one command is enough to wait for
            Run r = run("status", Long.toString(notJava.pid()));
            assertEquals(2, r.exit());
            assertTrue(r.err().startsWith("jlockdep: cannot attach to process " + notJava.pid() + ": "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        } finally {
            notJava.destroyForcibly();
        }
        for (String command : List.of("dump", "status", "attach")) {
            Run r = run(command, "999999999");
            assertEquals(2, r.exit(), command);
            assertEquals("jlockdep: cannot attach to process 999999999: no such process\n", r.err());
        }
        try (Service closed = new Service(Path.of(System.getProperty("java.home")), dir, "-XX:+DisableAttachMechanism")) {
            Run r = run("attach", Long.toString(closed.pid()));
            assertEquals(2, r.exit());
            assertTrue(r.err().startsWith("jlockdep: cannot attach to process " + closed.pid() + ": "), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals(0, closed.stop());
        }
    }

    /** A line of the counts, as stats and status print them. */
    private static String stat(String label, int value) {
        return String.format(" %-30s%11d%n", label + ":", value);
    }

    /** Checks {@code state} until it holds: each look is cheap, and the bound only ends a run that went wrong. */
    private static void awaitState(String what, BooleanSupplier state) throws InterruptedException {
        for (int look = 0; look < 6_000; look++) {
            if (state.getAsBoolean()) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("never came: " + what);
    }

    /** The reports of a dump that may not be written yet (a periodic dump replaces it atomically). */
    private static int reports(Path dump) {
        try {
            return Files.exists(dump) ? DumpReader.read(dump).reports().size() : -1;
        } catch (DumpReader.BadDumpException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path onlyFile(Path dir, String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().startsWith(prefix)).toList();
            assertEquals(1, found.size(), found.toString());
            return found.get(0);
        }
    }

    private static RecordedEvent only(List<RecordedEvent> events, String name) {
        List<RecordedEvent> found = events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }
}
