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
 * Waits for tasks as lockdep's workqueue annotations make them: futures of pools, {@code CompletableFuture}s,
 * {@code invokeAll}, scheduled and virtual-thread tasks, and a task that starves its own pool.
 *
 * <p>The built agent jar attached to forked JVMs (the build's JDK and Temurin 25) running the programs
 * of {@code dev.jlockdep.it}: each compares the reports on stderr with a golden file (see {@link Golden}),
 * and the program's own output and exit status with what it does without the agent.
 */
class TasksIT {
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /** Runs FutureUnderLock's {@code wait} variant: the golden file's reports, or none from a run the agent saw. */
    private static void assertFutureRun(Path jdk, String wait, Golden expected) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.FutureUnderLock", List.of(wait));
        expected.assertMatches(jdk, d.result().reports());
        if (expected.equals(Golden.NONE)) {
            d.assertSeen(3); // the lock, the pool's and the task's pseudo-locks
        }
        assertEquals("finished\n", d.result().stdout());
        assertEquals(0, d.result().exit());
    }

    /**
     * Holding a lock while waiting for a pool's task that takes it, in a run where the task ran first:
     * the cycle goes through the task's work item, named after its class.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitingForAFutureUnderALockTheTaskTakes(Path jdk) {
        assertFutureRun(jdk, "get", Golden.of("TasksIT/waitingForAFutureUnderALockTheTaskTakes"));
    }

    /** The same through CompletableFuture.join on the pool: the lambda's work item is named where it was submitted. */
    @ParameterizedTest
    @MethodSource("jdks")
    void joiningACompletableFutureUnderALockTheTaskTakes(Path jdk) {
        assertFutureRun(jdk, "join", Golden.of("TasksIT/joiningACompletableFutureUnderALockTheTaskTakes"));
    }

    /**
     * On the common pool (a ForkJoinPool, or a thread per task on a machine with few cores, so the
     * task's frames differ between machines): the waiter's side of the report.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void joiningOnTheCommonPoolUnderALockTheTaskTakes(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.FutureUnderLock",
                List.of("join-common"));
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
        List<String> lines = AgentRun.canonicalInstances(r.reports()).lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("WARNING:")).count(), lines.toString());
        String work = "((work_completion)FutureUnderLock.joinOnTheCommonPoolUnderLock:88){+.+.}-{0:0}";
        assertEquals(List.of("main/TID is trying to acquire lock:",
                "<lock1> " + work + ", at: dev.jlockdep.it.FutureUnderLock.joinOnTheCommonPoolUnderLock(FutureUnderLock.java:95)",
                "", "but task is already holding lock:",
                "<lock2> (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.joinOnTheCommonPoolUnderLock(FutureUnderLock.java:94)"),
                lines.subList(5, 10));
        assertTrue(lines.contains("-> #1 (FutureUnderLock.state){+.+.}-{3:3}:"), lines.toString());
        assertTrue(lines.contains("-> #0 " + work + ":"), lines.toString());
        assertTrue(lines.contains(
                "jlockdep: confirmed: the cycle closed on the same instances: <lock1> -> <lock2> -> <lock1>"),
                lines.toString());
    }

    /** invokeAll waits inside the JDK; the wait is recorded at the application's call. */
    @ParameterizedTest
    @MethodSource("jdks")
    void invokeAllUnderALockATaskOfTheClassTakes(Path jdk) {
        assertFutureRun(jdk, "invokeAll", Golden.of("TasksIT/invokeAllUnderALockATaskOfTheClassTakes"));
    }

    /** A scheduled task is a work item too, queued without execute(). */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitingForAScheduledTaskUnderALockItTakes(Path jdk) {
        assertFutureRun(jdk, "schedule", Golden.of("TasksIT/waitingForAScheduledTaskUnderALockItTakes"));
    }

    /** A virtual thread per task (JDK 21 on; the build's JDK 17 has none, and the program says so). */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitingForAVirtualThreadTaskUnderALockItTakes(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.FutureUnderLock",
                List.of("virtual"));
        if (r.stdout().startsWith("no virtual threads")) {
            assertEquals(Path.of(System.getProperty("java.home")), jdk, "only the build's JDK 17 lacks them");
            assertEquals("", r.stderr());
            return;
        }
        assertEquals("finished\n", r.stdout());
        Golden.of("TasksIT/waitingForAVirtualThreadTaskUnderALockItTakes").assertMatches(jdk, r.reports());
    }

    /** A task waiting for another task of its single-thread pool (ordered, in the kernel's words): the pool's map taken twice. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aTaskWaitingForItsOwnBoundedPool(Path jdk) {
        assertFutureRun(jdk, "starve", Golden.of("TasksIT/aTaskWaitingForItsOwnBoundedPool"));
    }

    /**
     * A task waiting for another task of its fixed pool of two threads: the thread-starvation deadlock of
     * a bounded pool (two such tasks at once hang it), a report of its own kind naming the pool and its
     * size, though the awaited task had run in this run; the CLI's gate fails on it.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aTaskWaitingForItsOwnFixedPoolStarvesIt(Path jdk) {
        assertFutureRun(jdk, "starve-fixed", Golden.of("TasksIT/aTaskWaitingForItsOwnFixedPool"));
    }

    /**
     * Waiting outside the lock, for a task of one's own pool when the pool grows (a thread per task),
     * for tasks of one's own kind on a growing pool, and a task that is also a monitor: nothing to report.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitsOutsideTheLockOrOnAGrowingPoolAreSilent(Path jdk) {
        assertFutureRun(jdk, "outside", Golden.NONE);
        assertFutureRun(jdk, "starve-cached", Golden.NONE);
        assertFutureRun(jdk, "lock-task", Golden.NONE);
        assertFutureRun(jdk, "recursive", Golden.NONE);
    }

    /**
     * A task leaves a lock held on an object nobody can reach (Derby's ConcurrentCache): said once, as
     * lockdep's "workqueue leaked lock", and dropped from the worker's held locks, so that it orders nothing
     * the worker takes later; no bad unlock of the work item either.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLockATaskLeavesHeldIsSaidOnceAndOrdersNothingAfter(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.TaskLeaksLock", List.of());
        Golden.of("TasksIT/aTaskLeavesALockHeld").assertMatches(jdk, d.result().reports());
        assertEquals("first then second\nfinished\n", d.result().stdout());
        assertEquals(0, d.result().exit());
    }

    /** The same, and a real cycle after it: still reported, once. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aRealCycleAfterALeakedLockIsStillReported(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.TaskLeaksLock", List.of("cycle"));
        Golden.of("TasksIT/aCycleAfterALeakedLock").assertMatches(jdk, r.reports());
        assertEquals("first then second\nsecond then first\nfinished\n", r.stdout());
        assertEquals(0, r.exit());
    }

    /**
     * A lock left held on an object the program drops, on a thread that goes on: once the collector
     * frees the object, the lock leaves the held stack with one "held lock freed" warning (no report at
     * the thread's end); kept, it is still held at the end. Either way its first holding never ended and no
     * other thread took it, so what its thread took under it orders nothing after it (see the agent's
     * {@code FirstHolding}); the thread's own order of A and B stays.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLockLeftHeldOnAFreedObjectLeavesTheHeldStack(Path jdk) {
        List<String> dependencies = List.of("HeldLockFreed.B -> HeldLockFreed.A");
        AgentRun.Dumped freed = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.HeldLockFreed", List.of());
        Golden.of("TasksIT/heldLockFreed").assertMatches(jdk, freed.result().reports());
        assertEquals(List.of(0, "collected\nB then A\n"), List.of(freed.result().exit(), freed.result().stdout()));
        assertEquals(dependencies, freed.dependencies());
        AgentRun.Dumped kept = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.HeldLockFreed", List.of("kept"));
        Golden.of("TasksIT/heldLockKept").assertMatches(jdk, kept.result().reports());
        assertEquals(List.of(0, "kept\nB then A\n"), List.of(kept.result().exit(), kept.result().stdout()));
        assertEquals(dependencies, kept.dependencies());
    }
}
