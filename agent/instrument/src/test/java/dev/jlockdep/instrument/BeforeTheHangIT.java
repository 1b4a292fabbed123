package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Lockdep's promise: the report comes before the deadlock. Programs that really hang (the JVM's own
 * deadlock detection says so on their stdout) must have printed the circular report first, in every run;
 * each run is ended as soon as both are read.
 */
class BeforeTheHangIT {
    /** Runs per JDK: a report that came only now and then would fail some of them. */
    private static final int RUNS = Integer.getInteger("jlockdep.beforeTheHang.runs", 20);

    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /** The two threads' possible scenarios: which of them closed the cycle is up to the scheduler. */
    private static void assertCircular(String reports, List<String> oneWay, List<String> otherWay) {
        List<String> lines = Arrays.asList(reports.split("\n"));
        if (lines.stream().noneMatch(l -> l.startsWith("WARNING:"))) {
            throw new AssertionError("no report before the hang:\n" + reports);
        }
        assertEquals(1, lines.stream().filter(l -> l.startsWith("WARNING:")).count(), reports);
        assertTrue(lines.contains("WARNING: possible circular locking dependency detected"), reports);
        int scenario = lines.indexOf("       CPU0                    CPU1");
        assertTrue(scenario > 0, reports);
        List<String> shown = lines.subList(scenario + 2, scenario + 2 + oneWay.size());
        assertTrue(shown.equals(oneWay) || shown.equals(otherWay), "unexpected scenario " + shown + " in\n" + reports);
    }

    private static List<String> scenario(String a, String b) {
        return List.of("  lock(" + a + ");", "                               lock(" + b + ");",
                "                               lock(" + a + ");", "  lock(" + b + ");");
    }

    /** Runs {@code program} {@link #RUNS} times: every run hangs, and reports the cycle of a and b first. */
    private static void assertReportedBeforeEveryHang(Path jdk, String program, String a, String b) {
        for (int run = 0; run < RUNS; run++) {
            AgentRun.Result r = AgentRun.runUntilHung(jdk, "dev.jlockdep.it." + program, "deadlocked: 2 threads", 300);
            assertCircular(r.reports(), scenario(a, b), scenario(b, a));
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void twoObjectsSynchronizedMethodsReportBeforeTheyDeadlock(Path jdk) {
        assertReportedBeforeEveryHang(jdk, "SynchronizedMethodsDeadlock", "dev.jlockdep.it.SynchronizedMethodsDeadlock$Account",
                "dev.jlockdep.it.SynchronizedMethodsDeadlock$Ledger");
    }

    /** Lock objects each taken for the first time by its thread: their dependencies are not held back past the hang. */
    @ParameterizedTest
    @MethodSource("jdks")
    void locksInTheirFirstHoldingReportBeforeTheyDeadlock(Path jdk) {
        assertReportedBeforeEveryHang(jdk, "FirstHoldingsDeadlock", "FirstHoldingsDeadlock.ACCOUNTS",
                "FirstHoldingsDeadlock.LEDGER");
    }

    /** A lock's first holder waiting for itself: its recursive report is not held back past the hang. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLockRetakenByItsFirstHolderIsReportedBeforeItWaitsForItself(Path jdk) {
        for (String variant : List.of("upgrade", "stamped")) {
            AgentRun.Result r = AgentRun.runUntilHung(jdk, "dev.jlockdep.it.SelfRetake", List.of(variant), "hung:", 300);
            List<String> warnings = Arrays.stream(r.reports().split("\n")).filter(l -> l.startsWith("WARNING:")).toList();
            assertEquals(List.of("WARNING: possible recursive locking detected"), warnings, variant + ":\n" + r.reports());
        }
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void hashtablesComparedBothWaysReportBeforeTheyDeadlock(Path jdk) {
        assertReportedBeforeEveryHang(jdk, "HashtableEqualsDeadlock", "HashtableEqualsDeadlock.left",
                "HashtableEqualsDeadlock.right");
    }

    /** Hold state, take io, wait on state: taking state back under io is validated when the wait begins. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aWaitsRetakeIsValidatedBeforeTheWait(Path jdk) {
        AgentRun.Result r = AgentRun.runUntilHung(jdk, "dev.jlockdep.it.WaitRetakeDeadlock", "hung:", 300);
        assertCircular(r.reports(), scenario("WaitRetakeDeadlock.io", "WaitRetakeDeadlock.state"),
                scenario("WaitRetakeDeadlock.io", "WaitRetakeDeadlock.state"));
        assertTrue(r.reports().contains("waiter/TID is trying to acquire lock:"), r.reports());
    }

    /**
     * A reshaped synchronized method, and a synchronized block's exits, must stay compilable: C1 and C2
     * each refuse a method whose monitors they cannot pair, or whose handler can throw into itself, and
     * would leave it interpreted. Forced to compile every method at its first call, both compile all five
     * shapes, and the program runs on.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void reshapedSynchronizedMethodsAndBlocksStayCompilable(Path jdk) {
        for (String compiler : List.of("-XX:TieredStopAtLevel=1", "-XX:-TieredCompilation")) {
            AgentRun.Result r = AgentRun.run(jdk, null, "dev.jlockdep.it.HotSynchronized", "-Xcomp", "-Xbatch", compiler,
                    "-XX:CompileCommand=quiet", "-XX:CompileCommand=compileonly,dev.jlockdep.it.HotSynchronized::*",
                    "-XX:+PrintCompilation");
            assertTrue(r.stdout().lines().anyMatch(l -> l.equals("10000 82500 70000")), r.stdout());
            // the methods were reshaped (their monitor a block now), and that is what the JIT compiled
            for (String method : List.of("increment", "add", "checked")) {
                assertTrue(r.stdout().lines().anyMatch(l -> l.equals(method + " synchronized: false")), r.stdout());
            }
            assertTrue(r.stdout().lines().anyMatch(l -> l.equals("blocks left by an exception: 625")), r.stdout());
            for (String method : List.of("increment", "add", "checked", "again", "blocks")) {
                assertTrue(r.stdout().lines().anyMatch(l -> l.contains("HotSynchronized::" + method + " (")),
                        compiler + " compiled " + method + ":\n" + r.stdout());
            }
            assertTrue(r.stdout().lines().noneMatch(l -> l.contains("HotSynchronized") && l.contains("SKIPPED")),
                    compiler + ":\n" + r.stdout());
        }
    }
}
