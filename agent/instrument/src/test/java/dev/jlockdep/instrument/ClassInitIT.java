package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.MergedGraph;
import dev.jlockdep.core.model.DependencyKind;
import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Class initialization is a lock (it/ClassInit): static initializers that use each other, a superclass
 * whose initializer makes its subclass, and a lock held while a class is first used whose initializer
 * takes it are each reported from a single-threaded run that completes; the two halves of the last from
 * two JVMs close the cycle in the merged dumps; an initializer that waits for a task or a thread that
 * uses its class hangs, and the watchdog names the waiter, the class and its initializer; correct
 * initializers stay silent. On JDK 17 and Temurin 25.
 */
class ClassInitIT {
    private static final String PROGRAM = "dev.jlockdep.it.ClassInit";
    private static final String OWNER = "dev.jlockdep.it.ClassInit$";

    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    private static void assertReported(Path jdk, String variant, String stdout) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), PROGRAM, List.of(variant));
        Golden.of("ClassInitIT/" + variant).assertMatches(jdk, r.reports());
        assertEquals(List.of(0, stdout + "\nfinished\n"), List.of(r.exit(), r.stdout()));
    }

    /** A's initializer calls B.f(); B's reads A.X through a method of its own: (clinit)A and (clinit)B both ways. */
    @ParameterizedTest
    @MethodSource("jdks")
    void initializersThatUseEachOtherAreACycle(Path jdk) {
        assertReported(jdk, "mutual", "A.X=1");
    }

    /**
     * Shape's initializer makes a Square, which main also makes (its square variant): Square's
     * initialization takes Shape's first, and a thread can begin Square first. Its twin that nothing else
     * can begin first is ClassInitUnit, silent in the correct variants.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aSuperclassWhoseInitializerMakesItsSubclassIsACycle(Path jdk) {
        assertReported(jdk, "subclass", "area=1");
    }

    /** LOCK held while Registry is first used, and Registry's initializer takes LOCK again. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLockHeldAroundAnInitializerThatTakesItIsACycle(Path jdk) {
        assertReported(jdk, "lockHeld", "size=3");
    }

    /** The halves of lockHeld from two JVMs: neither reports, the merged dumps close the cycle. */
    @ParameterizedTest
    @MethodSource("jdks")
    void theTwoHalvesFromTwoJvmsCloseTheCycleInTheMergedDumps(Path jdk) {
        AgentRun.Dumped under = AgentRun.runDumped(jdk, null, List.of(), PROGRAM, List.of("underLock"));
        AgentRun.Dumped inside = AgentRun.runDumped(jdk, null, List.of("-Dcatalog.locks=true"), PROGRAM,
                List.of("initLocks"));
        Golden.NONE.assertMatches(jdk, under.result().reports());
        Golden.NONE.assertMatches(jdk, inside.result().reports());
        String catalog = "(clinit)" + OWNER + "Catalog";
        assertEquals(List.of("ClassInit.LOCK -> " + catalog), under.dependencies());
        assertEquals(List.of(catalog + " -> ClassInit.LOCK"), inside.dependencies());
        MergedGraph<String> merged = new MergedGraph<>();
        add(merged, under, "under");
        add(merged, inside, "inside");
        List<MergedGraph.Cycle<String>> cycles = merged.cycles();
        assertEquals(1, cycles.size());
        assertEquals("circular:[clinit:" + OWNER + "Catalog/0, field:" + OWNER.replace("$", "") + ".LOCK/0]",
                cycles.get(0).problemKey());
    }

    private static void add(MergedGraph<String> merged, AgentRun.Dumped d, String origin) {
        for (String dependency : d.dependencyKeys()) {
            String[] fromTo = dependency.split(" -> ");
            merged.add(fromTo[0], fromTo[0], 0, fromTo[1], fromTo[1], 0, DependencyKind.EN, origin);
        }
    }

    /**
     * An initializer that waits for a task using its class (a static method of another class), a task
     * that is a lambda of its own, or a thread: each hangs for real; the watchdog's stall of the
     * initializing thread says who waits for whom, the class named.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void theWatchdogNamesTheThreadThatWaitsForAClassAndItsInitializer(Path jdk) {
        String loader = "(clinit)" + OWNER + "Loader";
        String by = ", being initialized by main/TID";
        assertEquals(List.of(" worker/TID waits for " + loader + " at " + OWNER + "Helper.compute(ClassInit.java:171)"
                + by), waits(jdk, "task"));
        assertEquals(List.of(" worker/TID waits for " + loader + " at " + OWNER + "Loader$$Lambda.call(Unknown Source)"
                + by), waits(jdk, "ownTask"));
        assertEquals(List.of(" main/TID waits for (thread)ClassInit$Loader.<clinit>:103 at " + OWNER
                        + "Loader.<clinit>(ClassInit.java:107), the end of worker/TID",
                " worker/TID waits for " + loader + " at " + OWNER + "Helper.twice(ClassInit.java:167)" + by),
                waits(jdk, "thread"));
    }

    /** The lines of the main thread's stall that say who waits for whom. */
    private static List<String> waits(Path jdk, String mode) {
        AgentRun.Result r = AgentRun.runUntilReported(jdk, "watchdog=1", List.of("-Dloader=" + mode), PROGRAM,
                List.of("task"), "INFO: task main/", "=============", 300);
        List<String> lines = r.reports().lines().toList();
        int stall = lines.indexOf("INFO: task main/TID blocked for more than 1 seconds.");
        assertTrue(stall >= 0, r.reports());
        assertEquals(" #0: 0000000000000003 (" + "(clinit)" + OWNER + "Loader){+.+.}-{0:0}, at: " + OWNER
                + "Loader.<clinit>(ClassInit.java:100)", lines.get(stall + 4), r.reports());
        int from = lines.subList(stall, lines.size()).indexOf("Showing the threads that wait, and for whom:") + stall + 1;
        int to = from;
        while (!lines.get(to).isEmpty()) {
            to++;
        }
        return lines.subList(from, to);
    }

    /**
     * Initializers that use other classes one way only, a lazy holder, enums (with constant bodies, and
     * switched on), a record, an interface's constants, an initializer that takes a lock nothing orders
     * the other way, a superclass that makes its private subclasses, one that makes a package-private subclass
     * nothing else makes: silent, with what the agent saw.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void correctInitializersAreSilent(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), PROGRAM, List.of("correct"));
        Golden.NONE.assertMatches(jdk, d.result().reports());
        assertEquals(List.of(0, "true\n11\n15\nconfig-true\nfinished\n"), List.of(d.result().exit(), d.result().stdout()));
        assertEquals(List.of("(clinit)" + OWNER + "Holder -> (clinit)" + OWNER + "Config",
                "(clinit)" + OWNER + "Config -> (clinit)" + OWNER + "Defaults",
                "(clinit)" + OWNER + "Counter -> ClassInit.LOCK",
                // and no dependency back: ClassInitOne cannot be begun before ClassInitUnit
                "(clinit)dev.jlockdep.it.ClassInitUnit -> (clinit)dev.jlockdep.it.ClassInitOne"), d.dependencies());
        // Seen, with no dependency: its subclasses' initializations wait for nothing (ClassInitChain).
        assertTrue(d.classNames().contains("(clinit)dev.jlockdep.it.ClassInitChain"), d.classNames().toString());
    }

    /**
     * An initializer that throws: its pseudo-lock is released (the lock taken afterwards depends on
     * nothing), the failed class's later use waits for nothing, and nothing is reported.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void anInitializerThatThrowsLeavesNothingHeld(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), PROGRAM, List.of("fails"));
        Golden.NONE.assertMatches(jdk, d.result().reports());
        assertEquals(List.of(0, "first use: no configuration\nsecond use: NoClassDefFoundError\nafter\nfinished\n"),
                List.of(d.result().exit(), d.result().stdout()));
        assertEquals(List.of(), d.dependencies());
        assertTrue(d.classNames().containsAll(List.of("(clinit)" + OWNER + "Broken", "ClassInit.LOCK")),
                d.classNames().toString());
    }

    /** With {@code classInits=false} the same program as mutual says nothing, and no (clinit) class is made. */
    @ParameterizedTest
    @MethodSource("jdks")
    void classInitsFalseLeavesInitializersAlone(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, "classInits=false", List.of(), PROGRAM, List.of("mutual"));
        Golden.NONE.assertMatches(jdk, d.result().reports());
        assertEquals(List.of(), d.dependencies());
        d.assertSeen(0);
    }
}
