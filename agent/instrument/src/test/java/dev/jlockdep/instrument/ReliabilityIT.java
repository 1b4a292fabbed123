package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.jlockdep.testing.AgentRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The agent in programs that push it: many threads in random orders, locks by the million, tens of
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

    /**
     * Eight threads, 4,000 rounds each, in random subsets of one order: nothing to report. The chain
     * cache is kept small, so that it evicts many times over in the run (about 12 chains a round, most of
     * them new): validation never turns off, and the dump shows it saw every round.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void manyThreadsInCycleFreeOrdersRunToTheEndWithNoReportThroughChainEvictions(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, "maxChains=65536", List.of(), "dev.jlockdep.it.Stress",
                List.of("4000", "8", "clean"));
        AgentRun.Result r = d.result();
        JsonObject stats = d.stats();
        Set<String> classes = new TreeSet<>();
        d.dump().getAsJsonArray("classes").forEach(c -> classes.add(c.getAsJsonObject().get("bareName").getAsString()));
        assertEquals("", reports(r));
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
        assertEquals("stress: 32000 rounds on 8 threads\n", r.stderr());
        assertTrue(stats.get("chainsEvicted").getAsLong() > 65536, stats.toString());
        assertTrue(stats.get("chains").getAsLong() <= 65536, stats.toString());
        Set<String> stress = new TreeSet<>(List.of("stress-gate", "stress-first", "stress-second"));
        IntStream.range(0, 24).forEach(i -> stress.add("stress" + i));
        assertTrue(classes.containsAll(stress), classes.toString()); // every lock of the program was seen
    }

    @ParameterizedTest
    @MethodSource("jdks")
    void aRealCycleAmongThemIsReportedOnce(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.Stress", List.of("2000", "8", "cycle"));
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
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of("-Xmx256m"), "dev.jlockdep.it.LockChurn", List.of());
        AgentRun.Result r = d.result();
        d.assertSeen(2); // the monitors' class and the ReentrantLock's allocation site: the agent bound every lock
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
        AgentRun.Dumped d = AgentRun.runFromSourceDumped("VirtualStress", List.of("20000"));
        d.assertSeen(3); // the shared monitor, each thread's monitor and its ReentrantLock (by site)
        AgentRun.Result r = d.result();
        List<String> diagnostics = r.stderr().lines().filter(l -> l.startsWith("pinned ")).toList();
        assertEquals("", r.reports().lines().filter(l -> !l.startsWith("pinned "))
                .map(l -> l + "\n").reduce("", String::concat));
        assertEquals("pinned 0\nfinished\n", r.stdout(), diagnostics.toString());
        assertEquals(List.of("pinned in the agent's own code: 0"), diagnostics);
        assertEquals(0, r.exit());
    }
}
