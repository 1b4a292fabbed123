package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent in programs that push it: many threads for seconds, locks by the million, tens of
 * thousands of virtual threads. Nothing hangs, nothing is reported that is not there, the heap stays
 * flat. (Longer runs: see RELIABILITY.md.)
 */
class ReliabilityIT {

    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /** The reports on stderr, without the stress program's own closing count. */
    private static String reports(AgentRun.Result r) {
        return r.reports().lines().filter(l -> !l.startsWith("stress: "))
                .map(l -> l + "\n").reduce("", String::concat);
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void manyThreadsInCycleFreeOrdersRunToTheEndWithNoReport(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.Stress", List.of("5", "8", "clean"));
        assertEquals("", reports(r));
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
        assertTrue(r.stderr().matches("(?s)stress: \\d+ rounds on 8 threads\n"), r.stderr());
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aRealCycleAmongThemIsReportedOnce(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.Stress", List.of("3", "8", "cycle"));
        List<String> lines = reports(r).lines().toList();
        assertEquals(List.of("WARNING: possible circular locking dependency detected"),
                lines.stream().filter(l -> l.startsWith("WARNING: ")).toList());
        int trying = lines.indexOf("against-the-order/TID is trying to acquire lock:");
        assertTrue(trying >= 0, reports(r));
        assertTrue(lines.get(trying + 1).contains(" (stress-first){"), lines.get(trying + 1));
        assertTrue(lines.get(trying + 4).contains(" (stress-second){"), lines.get(trying + 4));
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
    }

    /**
     * The validator runs out of memory (the heap is full when it meets new locks and a cycle): the
     * program's lock operations never see the error, the validator turns off with one notice (said at
     * exit if memory was too short to say it at once), and the program runs on as without the agent.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void anOutOfMemoryErrorInsideTheValidatorStaysThere(Path jdk) {
        List<String> jvm = List.of("-XX:+UseSerialGC", "-Xmx48m");
        AgentRun.Result plain = AgentRun.run(jdk, false, null, jvm, "", "dev.jlockdep.it.HeapExhaustion", List.of());
        AgentRun.Result r = AgentRun.run(jdk, null, jvm, "dev.jlockdep.it.HeapExhaustion", List.of());
        assertEquals("no error at a lock site\nfinished\n", plain.stdout());
        assertEquals(plain.stdout(), r.stdout(), r.stderr());
        assertEquals("jlockdep: internal error (java.lang.OutOfMemoryError: Java heap space)\n"
                + "turning off the locking correctness validator.\n", r.stderr());
        assertEquals(0, r.exit());
    }

    /** Instances are held weakly: three million locks made and dropped leave the heap as it was. */
    @ParameterizedTest
    @MethodSource("jdks")
    void locksMadeAndDroppedByTheMillionKeepTheHeapFlat(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of("-Xmx256m"), "dev.jlockdep.it.LockChurn", List.of());
        assertTrue(r.stdout().startsWith("heap flat: "), r.stdout() + r.stderr());
        assertEquals("", r.reports());
        assertEquals(0, r.exit());
    }

    /**
     * Each virtual thread has its own held locks, and none is ever pinned, in the program's code or in
     * the agent's (Temurin 25, from source). The agent's classes are loaded before the program runs: a
     * virtual thread loading one used to be pinned when it then blocked in the slow path.
     */
    @Test
    void tensOfThousandsOfVirtualThreadsTakeLocksWithNoReportAndNoPin() {
        AgentRun.Result r = AgentRun.runFromSource("VirtualStress", List.of("20000"));
        List<String> diagnostics = r.stderr().lines().filter(l -> l.startsWith("pinned ")).toList();
        assertEquals("", r.reports().lines().filter(l -> !l.startsWith("pinned "))
                .map(l -> l + "\n").reduce("", String::concat));
        assertEquals("pinned 0\nfinished\n", r.stdout(), diagnostics.toString());
        assertEquals(List.of("pinned in the agent's own code: 0"), diagnostics);
        assertEquals(0, r.exit());
    }
}
