package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Triage on real programs: each false-positive pattern as a small program whose report stays out of the
 * gate (its dump's verdict), next to its real-deadlock twin, which stays credible. The reports
 * themselves are lockdep's, compared with golden files; the verdicts are the dump's.
 */
class TriageIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /** Runs {@code program} with {@code args}: its reports, and each report's kind and verdict in order. */
    private static void assertTriage(Path jdk, String program, String variant, Golden expected, String... verdicts) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it." + program, List.of(variant));
        expected.assertMatches(jdk, d.result().reports());
        List<String> found = new ArrayList<>();
        for (JsonElement e : d.dump().getAsJsonArray("reports")) {
            JsonObject r = e.getAsJsonObject();
            found.add(r.get("kind").getAsString() + " " + r.getAsJsonObject("triage").get("verdict").getAsString());
        }
        assertEquals(List.of(verdicts), found, d.dump().getAsJsonArray("reports").toString());
        if (expected.equals(Golden.NONE)) {
            d.assertSeen(1);
        }
        assertEquals("finished\n", d.result().stdout().lines().reduce((a, b) -> b).orElse("") + "\n");
        assertEquals(0, d.result().exit());
    }

    /** One transfer(x, y): lockdep's recursive report, credible: a transfer(y, x) would deadlock. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aSingleSameClassNestingStaysCredible(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "transfer-once", Golden.of("TriageIT/transferOnce"),
                "recursive credible");
    }

    /** transfer(x, y) then transfer(y, x): the instances were taken both ways, a confirmed cycle on them. */
    @ParameterizedTest
    @MethodSource("jdks")
    void instancesOfOneClassTakenBothWaysAreACycleOnThem(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "transfer-both", Golden.of("TriageIT/transferBoth"),
                "recursive credible", "circular credible");
    }

    /** Three pairs of one class, all in one order: a hierarchy, out of the gate. */
    @ParameterizedTest
    @MethodSource("jdks")
    void manyPairsInOneOrderAreAHierarchy(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "ordered", Golden.of("TriageIT/ordered"), "recursive consistent-order");
    }

    /** Children made under their parent's lock, then taken inside it: out of the gate. */
    @ParameterizedTest
    @MethodSource("jdks")
    void childrenMadeUnderTheirParentAreAHierarchy(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "tree", Golden.of("TriageIT/tree"), "recursive created-under");
    }

    /**
     * A monitor made inside a synchronized method of its own class, then locked there (a fresh catalog
     * descriptor finished under the table's): made under its parent, out of the gate.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aMonitorMadeUnderAnotherOfItsClassIsAHierarchy(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "fresh-descriptor", Golden.of("TriageIT/freshDescriptor"),
                "recursive created-under");
    }

    /** Its twin: the same nesting on a descriptor made before the outer one was held stays credible. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aMonitorMadeBeforeStaysCredible(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "existing-descriptor", Golden.of("TriageIT/existingDescriptor"),
                "recursive credible");
    }

    /** A tree's order declared parent first (Lockdep.setOrderParentFirst), kept: nothing to report. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aParentFirstOrderKeptIsSilent(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "parent-first", Golden.NONE);
    }

    /** The same, then a parent taken inside its child: reported at once, and credible. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aParentTakenInsideItsChildIsReportedAtOnce(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "parent-first-against", Golden.of("TriageIT/parentFirstAgainst"),
                "recursive credible");
    }

    /** An order declared for the class and kept: nothing to report. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aDeclaredOrderKeptIsSilent(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "declared", Golden.NONE);
    }

    /** The declared order broken once: reported at once, with what the comparison returned. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aDeclaredOrderBrokenIsReportedAtOnce(Path jdk) {
        assertTriage(jdk, "SameClassNesting", "declared-against", Golden.of("TriageIT/declaredAgainst"),
                "recursive credible");
    }

    /** Each thread takes objects of its own both ways: no two threads ever meet on one. */
    @ParameterizedTest
    @MethodSource("jdks")
    void objectsConfinedToTheirThreadAreOutOfTheGate(Path jdk) {
        assertTriage(jdk, "ThreadConfined", "confined", Golden.of("TriageIT/confined"), "circular thread-confined");
    }

    /** The same two objects taken both ways by two threads: the classic AB-BA, credible. */
    @ParameterizedTest
    @MethodSource("jdks")
    void objectsSharedByTwoThreadsStayCredible(Path jdk) {
        assertTriage(jdk, "ThreadConfined", "shared", Golden.of("TriageIT/shared"), "circular credible");
    }

    /** Both orders inside one exclusive gate lock: they never run at once. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aCycleInsideAnExclusiveGateIsOutOfTheGate(Path jdk) {
        assertTriage(jdk, "GatedCycle", "exclusive-gate", Golden.of("TriageIT/gated"), "circular gated");
    }

    /** Both orders inside a gate held for reading by both: no gate at all, credible. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aGateHeldSharedByBothSidesDoesNotGate(Path jdk) {
        assertTriage(jdk, "GatedCycle", "shared-gate", Golden.of("TriageIT/sharedGate"), "circular credible");
    }

    /** Both orders as tasks of one two-thread pool: its pseudo-lock excludes nothing, credible. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolBothSidesRunInIsNoGate(Path jdk) {
        assertTriage(jdk, "GatedCycle", "pool", Golden.of("TriageIT/pool"), "circular credible");
    }

    /**
     * A pool made and filled in its data source's start-up, under the data source's monitor, and closed
     * later under its own: no thread could hold the pool at start-up, so that order never waits.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolMadeInItsStartUpIsOutOfTheGate(Path jdk) {
        assertTriage(jdk, "PoolLifecycle", "made-there", Golden.of("TriageIT/lifecycle"), "circular lifecycle");
    }

    /** The same with {@code java.util.concurrent} locks, the pool's made in the data source's first holding. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolLockMadeInItsStartUpIsOutOfTheGate(Path jdk) {
        assertTriage(jdk, "PoolLifecycle", "lock-made-there", Golden.of("TriageIT/lifecycleLocks"),
                "circular lifecycle");
    }

    /** Its twin: the pool made before the start-up, which a close racing it would deadlock. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolMadeBeforeItsStartUpStaysCredible(Path jdk) {
        assertTriage(jdk, "PoolLifecycle", "made-before", Golden.of("TriageIT/lifecycleMadeBefore"),
                "circular credible");
    }

    /**
     * Another twin: made there, but filled under a third lock that the closer holds as it takes the data
     * source's: a cycle of three, which the start-up may meet holding both the data source and the pool.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolMadeInItsStartUpInACycleOfThreeStaysCredible(Path jdk) {
        assertTriage(jdk, "PoolLifecycle", "three-locks", Golden.of("TriageIT/lifecycleThreeLocks"),
                "circular credible");
    }

    /**
     * Another: made there, but handed to an evictor thread the start-up starts before it fills the pool,
     * which closes it later: in another run the evictor may take it first.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolHandedToAThreadInItsStartUpStaysCredible(Path jdk) {
        assertTriage(jdk, "PoolLifecycle", "handed-over", Golden.of("TriageIT/lifecycleHandedOver"),
                "circular credible");
    }

    /**
     * Its other twin: made at start-up, then taken again under the data source in a later holding (a
     * resize, on the chain the start-up validated), which a close racing it would deadlock.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPoolTakenAgainAfterItsStartUpStaysCredible(Path jdk) {
        assertTriage(jdk, "PoolLifecycle", "used-again", Golden.of("TriageIT/lifecycleUsedAgain"),
                "circular credible");
    }

    /**
     * Derby's fresh cache entry, dropped still locked when another thread put one first: its thread takes
     * the connection under it, the reader takes entries under the connection. No thread can ever wait for
     * the dropped lock, so nothing is reported; the dump shows the reader's order was seen.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aFreshEntryDroppedWhileLockedOrdersNothing(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.DroppedFreshEntry", List.of("dropped"));
        Golden.of("TriageIT/droppedFreshEntry").assertMatches(jdk, d.result().reports());
        assertEquals(List.of(0, "filled\nfinished\n"), List.of(d.result().exit(), d.result().stdout()));
        assertEquals(List.of("DroppedFreshEntry.CONNECTION -> DroppedFreshEntry$Entry.mutex"),
                d.dependencies().stream().filter(o -> o.contains("$Entry")).toList());
        // held back, never settled: the fresh entry before the old one (a recursion, and its order) and
        // before the connection
        assertEquals(3, d.dump().getAsJsonObject("stats").get("heldBack").getAsLong());
    }

    /** Its twin: the fresh entry offered, filled under the connection, then taken under it by the reader. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aFreshEntryOfferedAndFilledUnderTheConnectionStaysCredible(Path jdk) {
        assertTriage(jdk, "DroppedFreshEntry", "published", Golden.of("TriageIT/publishedFreshEntry"),
                "circular credible");
    }
}
