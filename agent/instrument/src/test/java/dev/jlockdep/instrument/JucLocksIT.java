package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code java.util.concurrent} locks: reentrant, read-write and stamped locks, their subclasses, interruptible
 * and timed acquisitions, and locks named by their allocation site.
 *
 * <p>The built agent jar attached to forked JVMs (the build's JDK and Temurin 25) running the programs
 * of {@code dev.jlockdep.it}: each compares the reports on stderr with a golden file (see {@link Golden}),
 * and the program's own output and exit status with what it does without the agent.
 */
class JucLocksIT {
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

    /** AB-BA with ReentrantLock fields; the reentrant re-lock on the way is counted, never reported. */
    @ParameterizedTest
    @MethodSource("jdks")
    void circularWithReentrantLocks(Path jdk) {
        assertRun(jdk, "ReentrantAbBa", "finished\n", Golden.of("JucLocksIT/circularWithReentrantLocks"));
    }

    /** ReentrantReadWriteLock views: a read inside a write of another lock, against the reverse; printed with rlock. */
    @ParameterizedTest
    @MethodSource("jdks")
    void readWriteLockViewsFollowLockdepsReadRules(Path jdk) {
        assertRun(jdk, "ReadWriteOrders", "finished\n", Golden.of("JucLocksIT/readWriteLockViewsFollowLockdepsReadRules"));
    }

    /**
     * StampedLock has no owner: holdings released by another thread (write, read, the write view) are no
     * bad unlock, and the taker's later locking orders nothing after them. The twin, a stamped lock taken
     * again by a holder that did not hand it off, is {@code BeforeTheHangIT}'s self-retake.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void stampedLockReleasedByAnotherThreadIsHandedOff(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.StampedHandOff", List.of());
        assertEquals("", d.result().reports(), "no bad unlock, no recursive table, no cycle");
        assertEquals(List.of("StampedHandOff.table -> (thread)Threads.runInThread:9",
                "StampedHandOff.index -> StampedHandOff.table"),
                d.dependencies().stream().filter(s -> s.startsWith("StampedHandOff")).toList(),
                "the program's orders: the join of the first releaser under the table, index then table");
        assertEquals("table locked: false, read locked: false\nfinished\n", d.result().stdout());
        assertEquals(0, d.result().exit(), "exit status");
    }

    /**
     * The real twin of the hand-off: after a hand-off elsewhere, a read lock upgraded to the write lock
     * (the conversion is not followed) is still held, and the cycle through it is reported, confirmed.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void stampedLockUpgradedAfterAHandOffIsStillHeld(Path jdk) {
        assertRun(jdk, "StampedUpgrade", "moved, logged\nfinished\n",
                Golden.of("JucLocksIT/stampedLockUpgradedAfterAHandOffIsStillHeld"));
    }

    /**
     * The twin for conversions the agent does not see: an upgrade through a method reference, after a
     * hand-off elsewhere, keeps its holding (held in the other mode than recorded), and the cycle is reported.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void stampedLockUpgradedUnseenIsStillHeld(Path jdk) {
        assertRun(jdk, "StampedUnseenUpgrade", "upgraded: true\nfinished\n",
                Golden.of("JucLocksIT/stampedLockUpgradedUnseenIsStillHeld"));
    }

    /** StampedLock: the optimistic read orders nothing; the real read lock in its place closes the cycle. */
    @ParameterizedTest
    @MethodSource("jdks")
    void stampedLockOptimisticReadIsNotAnAcquisition(Path jdk) {
        assertRun(jdk, "StampedOrders", "optimistic read valid: true\nfinished\n", Golden.of("JucLocksIT/stampedLockOptimisticReadIsNotAnAcquisition"));
    }

    /** Subclasses of ReentrantLock, created into fields and taken through parameters. */
    @ParameterizedTest
    @MethodSource("jdks")
    void lockSubclassesAreValidatedAndNamedByField(Path jdk) {
        assertRun(jdk, "LockSubclass", "finished\n", Golden.of("JucLocksIT/lockSubclassesAreValidatedAndNamedByField"));
    }

    /**
     * lockInterruptibly() and a timed tryLock on a lock subclass are recorded like lock(): no bad
     * unlock, and the order through them is checked (found running commons-pool's tests, RELIABILITY.md).
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void lockSubclassesTakenInterruptiblyAreRecorded(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, "dev.jlockdep.it.LockSubclassInterruptibly");
        assertEquals("finished\n", r.stdout());
        assertEquals(List.of("WARNING: possible circular locking dependency detected"),
                r.reports().lines().filter(l -> l.startsWith("WARNING: ")).toList(), r.reports());
        assertTrue(r.reports().contains("main/TID is trying to acquire lock:\n0000000000000001"
                + " (LockSubclassInterruptibly.first){+.+.}-{3:3}, at: dev.jlockdep.it.LockSubclassInterruptibly.timed("
                + "LockSubclassInterruptibly.java:44)\n"), r.reports());
        assertEquals(0, r.exit());
    }

    /** Locks kept in no field are named by their allocation site. */
    @ParameterizedTest
    @MethodSource("jdks")
    void locksInNoFieldAreNamedByAllocationSite(Path jdk) {
        assertRun(jdk, "AllocationSites", "finished\n", Golden.of("JucLocksIT/locksInNoFieldAreNamedByAllocationSite"));
    }

    /** lockInterruptibly is recorded like lock(); interrupted while waiting, it leaves nothing held. */
    @ParameterizedTest
    @MethodSource("jdks")
    void interruptibleLocks(Path jdk) {
        assertRun(jdk, "InterruptibleLocks", "interrupted while waiting for beta\nfinished\n", Golden.of("JucLocksIT/interruptibleLocks"));
    }
}
