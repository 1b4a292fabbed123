package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Monitors: synchronized blocks and methods, the JDK's synchronized collections, waits, exception paths,
 * bad unlocks and threads that end holding locks.
 *
 * <p>The built agent jar attached to forked JVMs (the build's JDK and Temurin 25) running the programs
 * of {@code dev.jlockdep.it}: each compares the reports on stderr with a golden file (see {@link Golden}),
 * and the program's own output and exit status with what it does without the agent.
 */
class MonitorsIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /**
     * Runs {@code program} under the agent: its reports must be the golden file's (or none, and then the
     * dump must show that the agent saw the program), its output and exit as without the agent.
     */
    private static void assertRun(Path jdk, String program, String expectedStdout, Golden expected) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it." + program, List.of());
        expected.assertMatches(jdk, d.result().reports());
        if (expected.equals(Golden.NONE)) {
            d.assertSeen(1);
        }
        assertEquals(expectedStdout, d.result().stdout(), "the program runs on as without the agent");
        assertEquals(0, d.result().exit(), "exit status");
    }

    /** AB-BA with synchronized blocks in two threads that never overlap: the full circular splat. */
    @ParameterizedTest
    @MethodSource("jdks")
    void circularWithSynchronizedBlocks(Path jdk) {
        assertRun(jdk, "MonitorAbBa", "alpha then beta\nbeta then alpha\nfinished\n", Golden.of("MonitorsIT/circularWithSynchronizedBlocks"));
    }

    /** The same splat, stacks included, in a JVM whose Throwables record no stack (the agent then walks it). */
    @ParameterizedTest
    @MethodSource("jdks")
    void theSameStacksWhereThrowablesRecordNone(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of("-XX:-StackTraceInThrowable"), "dev.jlockdep.it.MonitorAbBa",
                List.of());
        Golden.of("MonitorsIT/circularWithSynchronizedBlocks").assertMatches(jdk, d.result().reports());
        assertEquals(0, d.result().exit(), d.result().stderr());
    }

    /**
     * The program's own objects keep their entry in a field the agent adds (private, final, transient,
     * synthetic): serialization's form and computed serialVersionUID are the same as without the agent;
     * a clone, whose field is a copy of its original's, is an instance of its own (the two taken in both
     * orders are the circular report confirmed on two instances, not the same lock taken twice), and does
     * not keep its original alive; a subclass uses its superclass's field; fields copied by reflection
     * leave an object its entry; an array of the program's type is a monitor as any other.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void objectsKeepTheirEntryInAFieldOfTheirOwn(Path jdk) {
        AgentRun.Result plain = AgentRun.run(jdk, false, null, List.of(), "", "dev.jlockdep.it.ObjectsKeepTheirEntry",
                List.of());
        String shared = "declared fields not synthetic [balance]\nbalances 3 0 3\noriginals of clones collected true\n";
        assertEquals(plain.stdout().lines().findFirst().orElseThrow() + "\n" + shared + "no slot\n", plain.stdout());
        assertRun(jdk, "ObjectsKeepTheirEntry", plain.stdout().replace("no slot\n", "slot private final transient synthetic:"
                + " kept true, the clone's own true, a subclass's in it true, none for a lock true\n"),
                Golden.of("MonitorsIT/objectsKeepTheirEntryInAFieldOfTheirOwn"));
    }

    /**
     * A class rewritten as it loaded (its field added, its synchronized method reshaped), then
     * retransformed and redefined by a second agent: the JVM accepts both (the agent rewrites the class
     * as it did at load, or the JVM refuses a version that drops a field), and the class is still
     * validated: the order of its synchronized method and a plain monitor, taken both ways, is reported.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aClassRewrittenAtLoadCanBeRetransformedAndRedefined(Path jdk, @TempDir Path dir) throws IOException {
        Path helper = dir.resolve("second-agent.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Premain-Class", "dev.jlockdep.it.Redefined");
        manifest.getMainAttributes().putValue("Can-Retransform-Classes", "true");
        manifest.getMainAttributes().putValue("Can-Redefine-Classes", "true");
        try (JarOutputStream jar = new JarOutputStream(Files.newOutputStream(helper), manifest)) {
            jar.flush();
        }
        AgentRun.Result r = AgentRun.run(jdk, true, null, List.of("-javaagent:" + helper), "", "dev.jlockdep.it.Redefined",
                List.of());
        assertEquals("retransformed\nredefined\nbalance 2\n", r.stdout(), r.stderr());
        assertEquals(0, r.exit());
        Golden.of("MonitorsIT/aClassRewrittenAtLoadCanBeRetransformedAndRedefined").assertMatches(jdk, r.reports());
    }

    /** A cycle through three locks: chain #2..#0, "Chain exists of:" and the parent in CPU1's column. */
    @ParameterizedTest
    @MethodSource("jdks")
    void threeLockCycleShowsChainExistsOf(Path jdk) {
        assertRun(jdk, "ThreeLockCycle", "nested\nnested\nc then a\n", Golden.of("MonitorsIT/threeLockCycleShowsChainExistsOf"));
    }

    /** Vector and a synchronized map calling into each other, then one Vector's monitor inside another's. */
    @ParameterizedTest
    @MethodSource("jdks")
    void jdkCollectionsCallingIntoEachOther(Path jdk) {
        assertRun(jdk, "CollectionsCycle", "finished 2\n", Golden.of("MonitorsIT/jdkCollectionsCallingIntoEachOther"));
    }

    /** Object.wait and Condition.await give the lock up and take it back inside what is still held. */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitsReleaseAndRetakeTheirLock(Path jdk) {
        assertRun(jdk, "WaitReacquire", "state then io\nfinished\n", Golden.of("MonitorsIT/waitsReleaseAndRetakeTheirLock"));
    }

    /** Unlocking a lock the thread does not hold; the program still gets the JDK's own exception. */
    @ParameterizedTest
    @MethodSource("jdks")
    void badUnlockBalance(Path jdk) {
        assertRun(jdk, "BadUnlock", "IllegalMonitorStateException as without the agent\n", Golden.of("MonitorsIT/badUnlockBalance"));
    }

    /** A thread that ends holding a lock. */
    @ParameterizedTest
    @MethodSource("jdks")
    void threadExitingWithALockHeld(Path jdk) {
        assertRun(jdk, "ExitHoldingLock", "finished\n", Golden.of("MonitorsIT/threadExitingWithALockHeld"));
    }

    /** Monitors released by exceptions from synchronized blocks and methods leave nothing held. */
    @ParameterizedTest
    @MethodSource("jdks")
    void exceptionsReleaseMonitorsCleanly(Path jdk) {
        assertRun(jdk, "ExceptionPaths", "caught from a block\ncaught from a synchronized method\ncaught from a static synchronized method\nbeta alone\nbeta, alpha, p\nfinished\n", Golden.NONE);
    }

    /** A trylock in the reverse order cannot deadlock, and consistent orders, reentrancy, read-write locks and JDK collections are fine. */
    @ParameterizedTest
    @MethodSource("jdks")
    void cleanProgramsPrintNothing(Path jdk) {
        assertRun(jdk, "TryLockOnly", "finished\n", Golden.NONE);
        assertRun(jdk, "CleanProgram", "finished\n", Golden.NONE);
    }
}
