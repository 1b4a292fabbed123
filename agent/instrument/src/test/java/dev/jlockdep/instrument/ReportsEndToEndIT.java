package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The built agent jar attached to forked JVMs (the build's JDK and Temurin 25) running the programs of
 * {@code dev.jlockdep.it}: each asserts the exact report text on stderr (normalised only for thread
 * ids, the JDK's own line numbers and the identity line), the program's own output and its exit status.
 */
class ReportsEndToEndIT {

    static java.util.stream.Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    private static void assertRun(Path jdk, String program, String expectedStdout, String expectedReports) {
        AgentRun.Result r = AgentRun.run(jdk, null, "dev.jlockdep.it." + program);
        assertEquals(AgentRun.canonicalInstances(expectedReports), AgentRun.canonicalInstances(r.reports()),
                "reports on stderr");
        assertEquals(expectedStdout, r.stdout(), "the program runs on as without the agent");
        assertEquals(0, r.exit(), "exit status");
    }

    /** AB-BA with synchronized blocks in two threads that never overlap: the full circular splat. */
    @ParameterizedTest
    @MethodSource("jdks")
    void circularWithSynchronizedBlocks(Path jdk) {
        assertRun(jdk, "MonitorAbBa", "alpha then beta\nbeta then alpha\nfinished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (MonitorAbBa.alpha){+.+.}-{3:3}, at: dev.jlockdep.it.MonitorAbBa.betaThenAlpha(MonitorAbBa.java:24)

                but task is already holding lock:
                0000000000000002 (MonitorAbBa.beta){+.+.}-{3:3}, at: dev.jlockdep.it.MonitorAbBa.betaThenAlpha(MonitorAbBa.java:23)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (MonitorAbBa.beta){+.+.}-{3:3}:
                       dev.jlockdep.it.MonitorAbBa.alphaThenBeta(MonitorAbBa.java:16)
                       java.lang.Thread.run(Thread.java)

                -> #0 (MonitorAbBa.alpha){+.+.}-{3:3}:
                       dev.jlockdep.it.MonitorAbBa.betaThenAlpha(MonitorAbBa.java:24)
                       dev.jlockdep.it.MonitorAbBa.main(MonitorAbBa.java:10)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(MonitorAbBa.beta);
                                               lock(MonitorAbBa.alpha);
                                               lock(MonitorAbBa.beta);
                  lock(MonitorAbBa.alpha);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (MonitorAbBa.beta){+.+.}-{3:3}, at: dev.jlockdep.it.MonitorAbBa.betaThenAlpha(MonitorAbBa.java:23)

                stack backtrace:
                 dev.jlockdep.it.MonitorAbBa.betaThenAlpha(MonitorAbBa.java:24)
                 dev.jlockdep.it.MonitorAbBa.main(MonitorAbBa.java:10)
                """);
    }

    /** AB-BA with ReentrantLock fields; the reentrant re-lock on the way is counted, never reported. */
    @ParameterizedTest
    @MethodSource("jdks")
    void circularWithReentrantLocks(Path jdk) {
        assertRun(jdk, "ReentrantAbBa", "finished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (ReentrantAbBa.accounts){+.+.}-{3:3}, at: dev.jlockdep.it.ReentrantAbBa.audit(ReentrantAbBa.java:35)

                but task is already holding lock:
                0000000000000002 (ReentrantAbBa.ledger){+.+.}-{3:3}, at: dev.jlockdep.it.ReentrantAbBa.audit(ReentrantAbBa.java:33)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (ReentrantAbBa.ledger){+.+.}-{3:3}:
                       dev.jlockdep.it.ReentrantAbBa.transfer(ReentrantAbBa.java:22)
                       java.lang.Thread.run(Thread.java)

                -> #0 (ReentrantAbBa.accounts){+.+.}-{3:3}:
                       dev.jlockdep.it.ReentrantAbBa.audit(ReentrantAbBa.java:35)
                       dev.jlockdep.it.ReentrantAbBa.main(ReentrantAbBa.java:13)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(ReentrantAbBa.ledger);
                                               lock(ReentrantAbBa.accounts);
                                               lock(ReentrantAbBa.ledger);
                  lock(ReentrantAbBa.accounts);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (ReentrantAbBa.ledger){+.+.}-{3:3}, at: dev.jlockdep.it.ReentrantAbBa.audit(ReentrantAbBa.java:33)

                stack backtrace:
                 dev.jlockdep.it.ReentrantAbBa.audit(ReentrantAbBa.java:35)
                 dev.jlockdep.it.ReentrantAbBa.main(ReentrantAbBa.java:13)
                """);
    }

    /** A cycle through three locks: chain #2..#0, "Chain exists of:" and the parent in CPU1's column. */
    @ParameterizedTest
    @MethodSource("jdks")
    void threeLockCycleShowsChainExistsOf(Path jdk) {
        assertRun(jdk, "ThreeLockCycle", "nested\nnested\nc then a\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (ThreeLockCycle.a){+.+.}-{3:3}, at: dev.jlockdep.it.ThreeLockCycle.main(ThreeLockCycle.java:14)

                but task is already holding lock:
                0000000000000003 (ThreeLockCycle.c){+.+.}-{3:3}, at: dev.jlockdep.it.ThreeLockCycle.main(ThreeLockCycle.java:13)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #2 (ThreeLockCycle.c){+.+.}-{3:3}:
                       dev.jlockdep.it.ThreeLockCycle.nest(ThreeLockCycle.java:22)
                       dev.jlockdep.it.ThreeLockCycle.lambda$main$1(ThreeLockCycle.java:12)
                       java.lang.Thread.run(Thread.java)

                -> #1 (ThreeLockCycle.b){+.+.}-{3:3}:
                       dev.jlockdep.it.ThreeLockCycle.nest(ThreeLockCycle.java:22)
                       dev.jlockdep.it.ThreeLockCycle.lambda$main$0(ThreeLockCycle.java:11)
                       java.lang.Thread.run(Thread.java)

                -> #0 (ThreeLockCycle.a){+.+.}-{3:3}:
                       dev.jlockdep.it.ThreeLockCycle.main(ThreeLockCycle.java:14)

                other info that might help us debug this:

                Chain exists of:
                  ThreeLockCycle.a --> ThreeLockCycle.b --> ThreeLockCycle.c

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(ThreeLockCycle.c);
                                               lock(ThreeLockCycle.b);
                                               lock(ThreeLockCycle.c);
                  lock(ThreeLockCycle.a);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000003 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000003 (ThreeLockCycle.c){+.+.}-{3:3}, at: dev.jlockdep.it.ThreeLockCycle.main(ThreeLockCycle.java:13)

                stack backtrace:
                 dev.jlockdep.it.ThreeLockCycle.main(ThreeLockCycle.java:14)
                """);
    }

    /** Vector and a synchronized map calling into each other, then one Vector's monitor inside another's. */
    @ParameterizedTest
    @MethodSource("jdks")
    void jdkCollectionsCallingIntoEachOther(Path jdk) {
        assertRun(jdk, "CollectionsCycle", "finished 2\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000002 (java.util.Vector){+.+.}-{3:3}, at: java.util.Vector.add(Vector.java)

                but task is already holding lock:
                0000000000000001 (java.util.Collections$SynchronizedMap){+.+.}-{3:3}, at: dev.jlockdep.it.CollectionsCycle.main(CollectionsCycle.java:22)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (java.util.Collections$SynchronizedMap){+.+.}-{3:3}:
                       java.util.Collections$SynchronizedCollection.contains(Collections.java)
                       java.util.Vector.lambda$removeAll$0(Vector.java)
                       java.util.Vector.bulkRemove(Vector.java)
                       java.util.Vector.removeAll(Vector.java)
                       dev.jlockdep.it.CollectionsCycle.lambda$main$0(CollectionsCycle.java:21)
                       java.lang.Thread.run(Thread.java)

                -> #0 (java.util.Vector){+.+.}-{3:3}:
                       java.util.Vector.add(Vector.java)
                       dev.jlockdep.it.CollectionsCycle.main(CollectionsCycle.java:24)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(java.util.Collections$SynchronizedMap);
                                               lock(java.util.Vector);
                                               lock(java.util.Collections$SynchronizedMap);
                  lock(java.util.Vector);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000002 -> 0000000000000001 -> 0000000000000002

                1 lock held by main/TID:
                 #0: 0000000000000001 (java.util.Collections$SynchronizedMap){+.+.}-{3:3}, at: dev.jlockdep.it.CollectionsCycle.main(CollectionsCycle.java:22)

                stack backtrace:
                 java.util.Vector.add(Vector.java)
                 dev.jlockdep.it.CollectionsCycle.main(CollectionsCycle.java:24)

                ============================================
                WARNING: possible recursive locking detected
                JVM jlockdep VERSION Tainted: W
                --------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000003 (java.util.Vector){+.+.}-{3:3}, at: java.util.Vector.iterator(Vector.java)

                but task is already holding lock:
                0000000000000002 (java.util.Vector){+.+.}-{3:3}, at: java.util.Vector.containsAll(Vector.java)

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(java.util.Vector);
                  lock(java.util.Vector);

                 *** DEADLOCK ***

                 May be due to missing lock nesting notation

                1 lock held by main/TID:
                 #0: 0000000000000002 (java.util.Vector){+.+.}-{3:3}, at: java.util.Vector.containsAll(Vector.java)

                stack backtrace:
                 java.util.Vector.iterator(Vector.java)
                 java.util.AbstractCollection.containsAll(AbstractCollection.java)
                 java.util.Vector.containsAll(Vector.java)
                 dev.jlockdep.it.CollectionsCycle.main(CollectionsCycle.java:29)
                """);
    }

    /** Object.wait and Condition.await give the lock up and take it back inside what is still held. */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitsReleaseAndRetakeTheirLock(Path jdk) {
        assertRun(jdk, "WaitReacquire", "state then io\nfinished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (WaitReacquire.state){+.+.}-{3:3}, at: dev.jlockdep.it.WaitReacquire.waitInsideIo(WaitReacquire.java:46)

                but task is already holding lock:
                0000000000000002 (WaitReacquire.io){+.+.}-{3:3}, at: dev.jlockdep.it.WaitReacquire.waitInsideIo(WaitReacquire.java:45)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (WaitReacquire.io){+.+.}-{3:3}:
                       dev.jlockdep.it.WaitReacquire.stateThenIo(WaitReacquire.java:37)
                       java.lang.Thread.run(Thread.java)

                -> #0 (WaitReacquire.state){+.+.}-{3:3}:
                       dev.jlockdep.it.WaitReacquire.waitInsideIo(WaitReacquire.java:46)
                       dev.jlockdep.it.WaitReacquire.main(WaitReacquire.java:23)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(WaitReacquire.io);
                                               lock(WaitReacquire.state);
                                               lock(WaitReacquire.io);
                  lock(WaitReacquire.state);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (WaitReacquire.io){+.+.}-{3:3}, at: dev.jlockdep.it.WaitReacquire.waitInsideIo(WaitReacquire.java:45)

                stack backtrace:
                 dev.jlockdep.it.WaitReacquire.waitInsideIo(WaitReacquire.java:46)
                 dev.jlockdep.it.WaitReacquire.main(WaitReacquire.java:23)

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Tainted: W
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000003 (WaitReacquire.queue){+.+.}-{3:3}, at: dev.jlockdep.it.WaitReacquire.awaitInsideDisk(WaitReacquire.java:66)

                but task is already holding lock:
                0000000000000004 (WaitReacquire.disk){+.+.}-{3:3}, at: dev.jlockdep.it.WaitReacquire.awaitInsideDisk(WaitReacquire.java:64)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (WaitReacquire.disk){+.+.}-{3:3}:
                       dev.jlockdep.it.WaitReacquire.queueThenDisk(WaitReacquire.java:54)
                       java.lang.Thread.run(Thread.java)

                -> #0 (WaitReacquire.queue){+.+.}-{3:3}:
                       dev.jlockdep.it.WaitReacquire.awaitInsideDisk(WaitReacquire.java:66)
                       dev.jlockdep.it.WaitReacquire.main(WaitReacquire.java:25)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(WaitReacquire.disk);
                                               lock(WaitReacquire.queue);
                                               lock(WaitReacquire.disk);
                  lock(WaitReacquire.queue);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000003 -> 0000000000000004 -> 0000000000000003

                1 lock held by main/TID:
                 #0: 0000000000000004 (WaitReacquire.disk){+.+.}-{3:3}, at: dev.jlockdep.it.WaitReacquire.awaitInsideDisk(WaitReacquire.java:64)

                stack backtrace:
                 dev.jlockdep.it.WaitReacquire.awaitInsideDisk(WaitReacquire.java:66)
                 dev.jlockdep.it.WaitReacquire.main(WaitReacquire.java:25)
                """);
    }

    /** Unlocking a lock the thread does not hold; the program still gets the JDK's own exception. */
    @ParameterizedTest
    @MethodSource("jdks")
    void badUnlockBalance(Path jdk) {
        assertRun(jdk, "BadUnlock", "IllegalMonitorStateException as without the agent\n", """

                =====================================
                WARNING: bad unlock balance detected!
                JVM jlockdep VERSION Not tainted
                -------------------------------------
                main/TID is trying to release lock (BadUnlock.journal) at:
                dev.jlockdep.it.BadUnlock.main(BadUnlock.java:11)
                but there are no more locks to release!

                other info that might help us debug this:
                no locks held by main/TID.

                stack backtrace:
                 dev.jlockdep.it.BadUnlock.main(BadUnlock.java:11)
                """);
    }

    /** A thread that ends holding a lock. */
    @ParameterizedTest
    @MethodSource("jdks")
    void threadExitingWithALockHeld(Path jdk) {
        assertRun(jdk, "ExitHoldingLock", "finished\n", """

                ====================================
                WARNING: leaker/TID still has locks held!
                JVM jlockdep VERSION Not tainted
                ------------------------------------
                1 lock held by leaker/TID:
                 #0: 0000000000000001 (ExitHoldingLock.session){+.+.}-{3:3}, at: dev.jlockdep.it.ExitHoldingLock.forgetToUnlock(ExitHoldingLock.java:15)

                stack backtrace:
                 java.lang.Thread.exit(Thread.java)
                """);
    }

    /** The public api: names by annotation and by call, and a nesting subclass that silences parent/child. */
    @ParameterizedTest
    @MethodSource("jdks")
    void apiNamesAndNesting(Path jdk) {
        assertRun(jdk, "ApiAnnotations", "delayed node, then alloc\nalloc, then delayed node\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (&delayed_node->mutex){+.+.}-{3:3}, at: dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:38)

                but task is already holding lock:
                0000000000000002 (pcpu_alloc_mutex){+.+.}-{3:3}, at: dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:37)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (pcpu_alloc_mutex){+.+.}-{3:3}:
                       dev.jlockdep.it.ApiAnnotations.lambda$main$0(ApiAnnotations.java:32)
                       java.lang.Thread.run(Thread.java)

                -> #0 (&delayed_node->mutex){+.+.}-{3:3}:
                       dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:38)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(pcpu_alloc_mutex);
                                               lock(&delayed_node->mutex);
                                               lock(pcpu_alloc_mutex);
                  lock(&delayed_node->mutex);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (pcpu_alloc_mutex){+.+.}-{3:3}, at: dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:37)

                stack backtrace:
                 dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:38)

                ============================================
                WARNING: possible recursive locking detected
                JVM jlockdep VERSION Tainted: W
                --------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000004 (ApiAnnotations$Node.lock){+.+.}-{3:3}, at: dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:44)

                but task is already holding lock:
                0000000000000003 (ApiAnnotations$Node.lock){+.+.}-{3:3}, at: dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:43)

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock(ApiAnnotations$Node.lock);
                  lock(ApiAnnotations$Node.lock);

                 *** DEADLOCK ***

                 May be due to missing lock nesting notation

                1 lock held by main/TID:
                 #0: 0000000000000003 (ApiAnnotations$Node.lock){+.+.}-{3:3}, at: dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:43)

                stack backtrace:
                 dev.jlockdep.it.ApiAnnotations.main(ApiAnnotations.java:44)
                """);
    }

    /** ReentrantReadWriteLock views: a read inside a write of another lock, against the reverse; printed with rlock. */
    @ParameterizedTest
    @MethodSource("jdks")
    void readWriteLockViewsFollowLockdepsReadRules(Path jdk) {
        assertRun(jdk, "ReadWriteOrders", "finished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (ReadWriteOrders.cache){.+.+}-{3:3}, at: dev.jlockdep.it.ReadWriteOrders.writeIndexReadCache(ReadWriteOrders.java:40)

                but task is already holding lock:
                0000000000000002 (ReadWriteOrders.index){++++}-{3:3}, at: dev.jlockdep.it.ReadWriteOrders.writeIndexReadCache(ReadWriteOrders.java:36)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (ReadWriteOrders.index){++++}-{3:3}:
                       dev.jlockdep.it.ReadWriteOrders.readCacheWriteIndex(ReadWriteOrders.java:28)
                       java.lang.Thread.run(Thread.java)

                -> #0 (ReadWriteOrders.cache){.+.+}-{3:3}:
                       dev.jlockdep.it.ReadWriteOrders.writeIndexReadCache(ReadWriteOrders.java:40)
                       dev.jlockdep.it.ReadWriteOrders.main(ReadWriteOrders.java:21)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(ReadWriteOrders.index);
                                               lock(ReadWriteOrders.cache);
                                               lock(ReadWriteOrders.index);
                  rlock(ReadWriteOrders.cache);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (ReadWriteOrders.index){++++}-{3:3}, at: dev.jlockdep.it.ReadWriteOrders.writeIndexReadCache(ReadWriteOrders.java:36)

                stack backtrace:
                 dev.jlockdep.it.ReadWriteOrders.writeIndexReadCache(ReadWriteOrders.java:40)
                 dev.jlockdep.it.ReadWriteOrders.main(ReadWriteOrders.java:21)
                """);
    }

    /** StampedLock: the optimistic read orders nothing; the real read lock in its place closes the cycle. */
    @ParameterizedTest
    @MethodSource("jdks")
    void stampedLockOptimisticReadIsNotAnAcquisition(Path jdk) {
        assertRun(jdk, "StampedOrders", "optimistic read valid: true\nfinished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (StampedOrders.points){++++}-{3:3}, at: dev.jlockdep.it.StampedOrders.main(StampedOrders.java:22)

                but task is already holding lock:
                0000000000000002 (StampedOrders.bounds){++++}-{3:3}, at: dev.jlockdep.it.StampedOrders.main(StampedOrders.java:21)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (StampedOrders.bounds){++++}-{3:3}:
                       dev.jlockdep.it.StampedOrders.pointsThenBounds(StampedOrders.java:31)
                       java.lang.Thread.run(Thread.java)

                -> #0 (StampedOrders.points){++++}-{3:3}:
                       dev.jlockdep.it.StampedOrders.main(StampedOrders.java:22)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(StampedOrders.bounds);
                                               lock(StampedOrders.points);
                                               lock(StampedOrders.bounds);
                  rlock(StampedOrders.points);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (StampedOrders.bounds){++++}-{3:3}, at: dev.jlockdep.it.StampedOrders.main(StampedOrders.java:21)

                stack backtrace:
                 dev.jlockdep.it.StampedOrders.main(StampedOrders.java:22)
                """);
    }

    /** Subclasses of ReentrantLock, created into fields and taken through parameters. */
    @ParameterizedTest
    @MethodSource("jdks")
    void lockSubclassesAreValidatedAndNamedByField(Path jdk) {
        assertRun(jdk, "LockSubclass", "finished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (LockSubclass.left){+.+.}-{3:3}, at: dev.jlockdep.it.LockSubclass.main(LockSubclass.java:21)

                but task is already holding lock:
                0000000000000002 (LockSubclass.right){+.+.}-{3:3}, at: dev.jlockdep.it.LockSubclass.main(LockSubclass.java:20)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (LockSubclass.right){+.+.}-{3:3}:
                       dev.jlockdep.it.LockSubclass.nest(LockSubclass.java:29)
                       dev.jlockdep.it.LockSubclass.lambda$main$0(LockSubclass.java:19)
                       java.lang.Thread.run(Thread.java)

                -> #0 (LockSubclass.left){+.+.}-{3:3}:
                       dev.jlockdep.it.LockSubclass.main(LockSubclass.java:21)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(LockSubclass.right);
                                               lock(LockSubclass.left);
                                               lock(LockSubclass.right);
                  lock(LockSubclass.left);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (LockSubclass.right){+.+.}-{3:3}, at: dev.jlockdep.it.LockSubclass.main(LockSubclass.java:20)

                stack backtrace:
                 dev.jlockdep.it.LockSubclass.main(LockSubclass.java:21)
                """);
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

    /** Monitors released by exceptions from synchronized blocks and methods leave nothing held. */
    @ParameterizedTest
    @MethodSource("jdks")
    void exceptionsReleaseMonitorsCleanly(Path jdk) {
        assertRun(jdk, "ExceptionPaths", "caught from a block\ncaught from a synchronized method\ncaught from a static synchronized method\nbeta alone\nbeta, alpha, p\nfinished\n", "");
    }

    /** Locks kept in no field are named by their allocation site. */
    @ParameterizedTest
    @MethodSource("jdks")
    void locksInNoFieldAreNamedByAllocationSite(Path jdk) {
        assertRun(jdk, "AllocationSites", "finished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (AllocationSites.main:8){+.+.}-{3:3}, at: dev.jlockdep.it.AllocationSites.nest(AllocationSites.java:17)

                but task is already holding lock:
                0000000000000002 (AllocationSites.main:9){+.+.}-{3:3}, at: dev.jlockdep.it.AllocationSites.nest(AllocationSites.java:16)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (AllocationSites.main:9){+.+.}-{3:3}:
                       dev.jlockdep.it.AllocationSites.nest(AllocationSites.java:17)
                       dev.jlockdep.it.AllocationSites.lambda$main$0(AllocationSites.java:10)
                       java.lang.Thread.run(Thread.java)

                -> #0 (AllocationSites.main:8){+.+.}-{3:3}:
                       dev.jlockdep.it.AllocationSites.nest(AllocationSites.java:17)
                       dev.jlockdep.it.AllocationSites.main(AllocationSites.java:11)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(AllocationSites.main:9);
                                               lock(AllocationSites.main:8);
                                               lock(AllocationSites.main:9);
                  lock(AllocationSites.main:8);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (AllocationSites.main:9){+.+.}-{3:3}, at: dev.jlockdep.it.AllocationSites.nest(AllocationSites.java:16)

                stack backtrace:
                 dev.jlockdep.it.AllocationSites.nest(AllocationSites.java:17)
                 dev.jlockdep.it.AllocationSites.main(AllocationSites.java:11)
                """);
    }

    /** lockInterruptibly is recorded like lock(); interrupted while waiting, it leaves nothing held. */
    @ParameterizedTest
    @MethodSource("jdks")
    void interruptibleLocks(Path jdk) {
        assertRun(jdk, "InterruptibleLocks", "interrupted while waiting for beta\nfinished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (InterruptibleLocks.alpha){+.+.}-{3:3}, at: dev.jlockdep.it.InterruptibleLocks.main(InterruptibleLocks.java:28)

                but task is already holding lock:
                0000000000000002 (InterruptibleLocks.beta){+.+.}-{3:3}, at: dev.jlockdep.it.InterruptibleLocks.main(InterruptibleLocks.java:27)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (InterruptibleLocks.beta){+.+.}-{3:3}:
                       dev.jlockdep.it.InterruptibleLocks.alphaThenBeta(InterruptibleLocks.java:38)
                       java.lang.Thread.run(Thread.java)

                -> #0 (InterruptibleLocks.alpha){+.+.}-{3:3}:
                       dev.jlockdep.it.InterruptibleLocks.main(InterruptibleLocks.java:28)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(InterruptibleLocks.beta);
                                               lock(InterruptibleLocks.alpha);
                                               lock(InterruptibleLocks.beta);
                  lock(InterruptibleLocks.alpha);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (InterruptibleLocks.beta){+.+.}-{3:3}, at: dev.jlockdep.it.InterruptibleLocks.main(InterruptibleLocks.java:27)

                stack backtrace:
                 dev.jlockdep.it.InterruptibleLocks.main(InterruptibleLocks.java:28)
                """);
    }

    /** The api's pseudo-lock (lockdep_map), as fs_reclaim: its own name, wait type {0:0}, call-site frames. */
    @ParameterizedTest
    @MethodSource("jdks")
    void pseudoLocksAreLocksToTheValidator(Path jdk) {
        assertRun(jdk, "PseudoLocks", "finished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000002 (PseudoLocks.allocMutex){+.+.}-{3:3}, at: dev.jlockdep.it.PseudoLocks.reclaim(PseudoLocks.java:32)

                but task is already holding lock:
                0000000000000001 (fs_reclaim){+.+.}-{0:0}, at: dev.jlockdep.it.PseudoLocks.reclaim(PseudoLocks.java:30)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (fs_reclaim){+.+.}-{0:0}:
                       dev.jlockdep.it.PseudoLocks.allocateUnderMutex(PseudoLocks.java:23)
                       java.lang.Thread.run(Thread.java)

                -> #0 (PseudoLocks.allocMutex){+.+.}-{3:3}:
                       dev.jlockdep.it.PseudoLocks.reclaim(PseudoLocks.java:32)
                       dev.jlockdep.it.PseudoLocks.main(PseudoLocks.java:16)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(fs_reclaim);
                                               lock(PseudoLocks.allocMutex);
                                               lock(fs_reclaim);
                  lock(PseudoLocks.allocMutex);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000002 -> 0000000000000001 -> 0000000000000002

                1 lock held by main/TID:
                 #0: 0000000000000001 (fs_reclaim){+.+.}-{0:0}, at: dev.jlockdep.it.PseudoLocks.reclaim(PseudoLocks.java:30)

                stack backtrace:
                 dev.jlockdep.it.PseudoLocks.reclaim(PseudoLocks.java:32)
                 dev.jlockdep.it.PseudoLocks.main(PseudoLocks.java:16)
                """);
    }

    /** A trylock in the reverse order cannot deadlock, and consistent orders, reentrancy, read-write locks and JDK collections are fine. */
    @ParameterizedTest
    @MethodSource("jdks")
    void cleanProgramsPrintNothing(Path jdk) {
        assertRun(jdk, "TryLockOnly", "finished\n", "");
        assertRun(jdk, "CleanProgram", "finished\n", "");
    }

    /**
     * A @LockPrimitive wrapper records its locks, and its failed assertion, at its caller (through a
     * wrapper of the wrapper); @MemallocScope methods set their bits for their body only, thrown out of
     * or synchronized.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void lockPrimitivesAreRecordedAtTheirCallerAndScopesEndWithTheirMethod(Path jdk) {
        assertRun(jdk, "Wrappers", "scope: 2, after: 0\nthrown out of a scope: 0\nfinished\n", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000001 (&inode->lock){+.+.}-{3:3}, at: dev.jlockdep.it.Wrappers.sbThenInode(Wrappers.java:75)

                but task is already holding lock:
                0000000000000002 (&sb->lock){+.+.}-{3:3}, at: dev.jlockdep.it.Wrappers.sbThenInode(Wrappers.java:74)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (&sb->lock){+.+.}-{3:3}:
                       dev.jlockdep.it.Wrappers$Guard.take(Wrappers.java:24)
                       dev.jlockdep.it.Wrappers.inodeThenSb(Wrappers.java:68)
                       java.lang.Thread.run(Thread.java)

                -> #0 (&inode->lock){+.+.}-{3:3}:
                       dev.jlockdep.it.Wrappers$Guard.take(Wrappers.java:24)
                       dev.jlockdep.it.Wrappers$Outer.take(Wrappers.java:45)
                       dev.jlockdep.it.Wrappers.sbThenInode(Wrappers.java:75)
                       dev.jlockdep.it.Wrappers.main(Wrappers.java:55)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(&sb->lock);
                                               lock(&inode->lock);
                                               lock(&sb->lock);
                  lock(&inode->lock);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000002 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000002 (&sb->lock){+.+.}-{3:3}, at: dev.jlockdep.it.Wrappers.sbThenInode(Wrappers.java:74)

                stack backtrace:
                 dev.jlockdep.it.Wrappers$Guard.take(Wrappers.java:24)
                 dev.jlockdep.it.Wrappers$Outer.take(Wrappers.java:45)
                 dev.jlockdep.it.Wrappers.sbThenInode(Wrappers.java:75)
                 dev.jlockdep.it.Wrappers.main(Wrappers.java:55)
                ------------[ cut here ]------------
                WARNING: main/TID at dev.jlockdep.it.Wrappers.main(Wrappers.java:56)
                lockdep_assert_held(&sb->lock): lock not held
                JVM jlockdep VERSION Tainted: W
                no locks held by main/TID.
                Call Trace:
                 dev.jlockdep.it.Wrappers$Guard.mustHold(Wrappers.java:32)
                 dev.jlockdep.it.Wrappers.main(Wrappers.java:56)
                ---[ end trace ]---
                """);
    }

    /** The watchdog reports the main thread too (its held-lock stack exists before the watchdog starts). */
    @ParameterizedTest
    @MethodSource("jdks")
    void theWatchdogReportsAThreadKeepingItsLock(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, "watchdog=1", "dev.jlockdep.it.MainHoldsMonitor");
        assertEquals(0, r.exit(), r.stderr());
        assertEquals("finished\n", r.stdout());
        java.util.List<String> lines = r.reports().lines().toList();
        String held = " #0: 0000000000000001 (MainHoldsMonitor.CONFIG){+.+.}-{3:3}, at: dev.jlockdep.it.MainHoldsMonitor.main(MainHoldsMonitor.java:27)";
        assertEquals(java.util.List.of("", "INFO: task main/TID blocked for more than 1 seconds.",
                "      JVM jlockdep VERSION Not tainted", "task:main/TID state:TIMED_WAITING",
                "it has held this lock all that time:", held, "Call Trace:"), lines.subList(0, 7));
        int all = lines.indexOf("Showing all locks held in the system:");
        org.junit.jupiter.api.Assertions.assertTrue(
                lines.subList(7, all).contains(" dev.jlockdep.it.MainHoldsMonitor.main(MainHoldsMonitor.java:29)"), lines.toString());
        assertEquals(java.util.List.of("1 lock held by main/TID:", held, "", "=============================================", ""),
                lines.subList(all + 1, lines.size()));
    }

    private static void assertFutureRun(Path jdk, String wait, String expectedReports) {
        AgentRun.Result r = AgentRun.run(jdk, null, java.util.List.of(), "dev.jlockdep.it.FutureUnderLock", java.util.List.of(wait));
        assertEquals(AgentRun.canonicalInstances(expectedReports), AgentRun.canonicalInstances(r.reports()), "reports on stderr");
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
    }

    /**
     * Holding a lock while waiting for a pool's task that takes it, in a run where the task ran first:
     * the cycle goes through the task's work item, named after its class.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitingForAFutureUnderALockTheTaskTakes(Path jdk) {
        assertFutureRun(jdk, "get", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000003 ((work_completion)dev.jlockdep.it.FutureUnderLock$Flush){+.+.}-{0:0}, at: dev.jlockdep.it.FutureUnderLock.getUnderLock(FutureUnderLock.java:71)

                but task is already holding lock:
                0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.getUnderLock(FutureUnderLock.java:70)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (FutureUnderLock.state){+.+.}-{3:3}:
                       dev.jlockdep.it.FutureUnderLock$Flush.call(FutureUnderLock.java:40)
                       dev.jlockdep.it.FutureUnderLock$Flush.call(FutureUnderLock.java:28)
                       java.util.concurrent.FutureTask.run(FutureTask.java)
                       java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java)
                       java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java)
                       java.lang.Thread.run(Thread.java)

                -> #0 ((work_completion)dev.jlockdep.it.FutureUnderLock$Flush){+.+.}-{0:0}:
                       dev.jlockdep.it.FutureUnderLock.getUnderLock(FutureUnderLock.java:71)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:49)
                       ... and the first task of this class was queued at:
                       java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java)
                       java.util.concurrent.AbstractExecutorService.submit(AbstractExecutorService.java)
                       dev.jlockdep.it.FutureUnderLock.getUnderLock(FutureUnderLock.java:68)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:49)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(FutureUnderLock.state);
                                               lock((work_completion)dev.jlockdep.it.FutureUnderLock$Flush);
                                               lock(FutureUnderLock.state);
                  lock((work_completion)dev.jlockdep.it.FutureUnderLock$Flush);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000003 -> 0000000000000001 -> 0000000000000003

                1 lock held by main/TID:
                 #0: 0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.getUnderLock(FutureUnderLock.java:70)

                stack backtrace:
                 dev.jlockdep.it.FutureUnderLock.getUnderLock(FutureUnderLock.java:71)
                 dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:49)
                """);
    }

    /** The same through CompletableFuture.join on the pool: the lambda's work item is named where it was submitted. */
    @ParameterizedTest
    @MethodSource("jdks")
    void joiningACompletableFutureUnderALockTheTaskTakes(Path jdk) {
        assertFutureRun(jdk, "join", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000003 ((work_completion)FutureUnderLock.joinUnderLock:76){+.+.}-{0:0}, at: dev.jlockdep.it.FutureUnderLock.joinUnderLock(FutureUnderLock.java:83)

                but task is already holding lock:
                0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.joinUnderLock(FutureUnderLock.java:82)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (FutureUnderLock.state){+.+.}-{3:3}:
                       dev.jlockdep.it.FutureUnderLock.lambda$joinUnderLock$0(FutureUnderLock.java:77)
                       java.util.concurrent.CompletableFuture$AsyncSupply.run(CompletableFuture.java)
                       java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java)
                       java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java)
                       java.lang.Thread.run(Thread.java)

                -> #0 ((work_completion)FutureUnderLock.joinUnderLock:76){+.+.}-{0:0}:
                       dev.jlockdep.it.FutureUnderLock.joinUnderLock(FutureUnderLock.java:83)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:50)
                       ... and the first task of this class was queued at:
                       java.util.concurrent.CompletableFuture$AsyncSupply.<init>(CompletableFuture.java)
                       java.util.concurrent.CompletableFuture.asyncSupplyStage(CompletableFuture.java)
                       java.util.concurrent.CompletableFuture.supplyAsync(CompletableFuture.java)
                       dev.jlockdep.it.FutureUnderLock.joinUnderLock(FutureUnderLock.java:76)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:50)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(FutureUnderLock.state);
                                               lock((work_completion)FutureUnderLock.joinUnderLock:76);
                                               lock(FutureUnderLock.state);
                  lock((work_completion)FutureUnderLock.joinUnderLock:76);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000003 -> 0000000000000001 -> 0000000000000003

                1 lock held by main/TID:
                 #0: 0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.joinUnderLock(FutureUnderLock.java:82)

                stack backtrace:
                 dev.jlockdep.it.FutureUnderLock.joinUnderLock(FutureUnderLock.java:83)
                 dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:50)
                """);
    }

    /**
     * On the common pool (a ForkJoinPool, or a thread per task on a machine with few cores, so the
     * task's frames differ between machines): the waiter's side of the report.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void joiningOnTheCommonPoolUnderALockTheTaskTakes(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, java.util.List.of(), "dev.jlockdep.it.FutureUnderLock",
                java.util.List.of("join-common"));
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
        java.util.List<String> lines = AgentRun.canonicalInstances(r.reports()).lines().toList();
        assertEquals(1, lines.stream().filter(l -> l.startsWith("WARNING:")).count(), lines.toString());
        String work = "((work_completion)FutureUnderLock.joinOnTheCommonPoolUnderLock:88){+.+.}-{0:0}";
        assertEquals(java.util.List.of("main/TID is trying to acquire lock:",
                "<lock1> " + work + ", at: dev.jlockdep.it.FutureUnderLock.joinOnTheCommonPoolUnderLock(FutureUnderLock.java:95)",
                "", "but task is already holding lock:",
                "<lock2> (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.joinOnTheCommonPoolUnderLock(FutureUnderLock.java:94)"),
                lines.subList(5, 10));
        org.junit.jupiter.api.Assertions.assertTrue(lines.contains("-> #1 (FutureUnderLock.state){+.+.}-{3:3}:"), lines.toString());
        org.junit.jupiter.api.Assertions.assertTrue(lines.contains("-> #0 " + work + ":"), lines.toString());
        org.junit.jupiter.api.Assertions.assertTrue(lines.contains(
                "jlockdep: confirmed: the cycle closed on the same instances: <lock1> -> <lock2> -> <lock1>"),
                lines.toString());
    }

    /** invokeAll waits inside the JDK; the wait is recorded at the application's call. */
    @ParameterizedTest
    @MethodSource("jdks")
    void invokeAllUnderALockATaskOfTheClassTakes(Path jdk) {
        assertFutureRun(jdk, "invokeAll", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000004 ((work_completion)dev.jlockdep.it.FutureUnderLock$Flush){+.+.}-{0:0}, at: dev.jlockdep.it.FutureUnderLock.invokeAllUnderLock(FutureUnderLock.java:102)

                but task is already holding lock:
                0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.invokeAllUnderLock(FutureUnderLock.java:101)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (FutureUnderLock.state){+.+.}-{3:3}:
                       dev.jlockdep.it.FutureUnderLock$Flush.call(FutureUnderLock.java:40)
                       dev.jlockdep.it.FutureUnderLock$Flush.call(FutureUnderLock.java:28)
                       java.util.concurrent.FutureTask.run(FutureTask.java)
                       java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java)
                       java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java)
                       java.lang.Thread.run(Thread.java)

                -> #0 ((work_completion)dev.jlockdep.it.FutureUnderLock$Flush){+.+.}-{0:0}:
                       java.util.concurrent.AbstractExecutorService.invokeAll(AbstractExecutorService.java)
                       dev.jlockdep.it.FutureUnderLock.invokeAllUnderLock(FutureUnderLock.java:102)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:52)
                       ... and the first task of this class was queued at:
                       java.util.concurrent.ThreadPoolExecutor.execute(ThreadPoolExecutor.java)
                       java.util.concurrent.AbstractExecutorService.submit(AbstractExecutorService.java)
                       dev.jlockdep.it.FutureUnderLock.invokeAllUnderLock(FutureUnderLock.java:100)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:52)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(FutureUnderLock.state);
                                               lock((work_completion)dev.jlockdep.it.FutureUnderLock$Flush);
                                               lock(FutureUnderLock.state);
                  lock((work_completion)dev.jlockdep.it.FutureUnderLock$Flush);

                 *** DEADLOCK ***

                jlockdep: class level only: the cycle never closed on the same instances (a false positive if these instances can never meet)

                1 lock held by main/TID:
                 #0: 0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.invokeAllUnderLock(FutureUnderLock.java:101)

                stack backtrace:
                 java.util.concurrent.AbstractExecutorService.invokeAll(AbstractExecutorService.java)
                 dev.jlockdep.it.FutureUnderLock.invokeAllUnderLock(FutureUnderLock.java:102)
                 dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:52)
                """);
    }

    /** A scheduled task is a work item too, queued without execute(). */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitingForAScheduledTaskUnderALockItTakes(Path jdk) {
        assertFutureRun(jdk, "schedule", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000004 ((work_completion)dev.jlockdep.it.FutureUnderLock$Flush){+.+.}-{0:0}, at: dev.jlockdep.it.FutureUnderLock.scheduledGetUnderLock(FutureUnderLock.java:125)

                but task is already holding lock:
                0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.scheduledGetUnderLock(FutureUnderLock.java:124)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (FutureUnderLock.state){+.+.}-{3:3}:
                       dev.jlockdep.it.FutureUnderLock$Flush.call(FutureUnderLock.java:40)
                       dev.jlockdep.it.FutureUnderLock$Flush.call(FutureUnderLock.java:28)
                       java.util.concurrent.FutureTask.run(FutureTask.java)
                       java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask.run(ScheduledThreadPoolExecutor.java)
                       java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java)
                       java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java)
                       java.lang.Thread.run(Thread.java)

                -> #0 ((work_completion)dev.jlockdep.it.FutureUnderLock$Flush){+.+.}-{0:0}:
                       dev.jlockdep.it.FutureUnderLock.scheduledGetUnderLock(FutureUnderLock.java:125)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:59)
                       ... and the first task of this class was queued at:
                       java.util.concurrent.ScheduledThreadPoolExecutor.delayedExecute(ScheduledThreadPoolExecutor.java)
                       java.util.concurrent.ScheduledThreadPoolExecutor.schedule(ScheduledThreadPoolExecutor.java)
                       java.util.concurrent.Executors$DelegatedScheduledExecutorService.schedule(Executors.java)
                       dev.jlockdep.it.FutureUnderLock.scheduledGetUnderLock(FutureUnderLock.java:122)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:59)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(FutureUnderLock.state);
                                               lock((work_completion)dev.jlockdep.it.FutureUnderLock$Flush);
                                               lock(FutureUnderLock.state);
                  lock((work_completion)dev.jlockdep.it.FutureUnderLock$Flush);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000004 -> 0000000000000001 -> 0000000000000004

                1 lock held by main/TID:
                 #0: 0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.scheduledGetUnderLock(FutureUnderLock.java:124)

                stack backtrace:
                 dev.jlockdep.it.FutureUnderLock.scheduledGetUnderLock(FutureUnderLock.java:125)
                 dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:59)
                """);
    }

    /** A virtual thread per task (JDK 21 on; the build's JDK 17 has none, and the program says so). */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitingForAVirtualThreadTaskUnderALockItTakes(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, java.util.List.of(), "dev.jlockdep.it.FutureUnderLock",
                java.util.List.of("virtual"));
        if (r.stdout().startsWith("no virtual threads")) {
            assertEquals(Path.of(System.getProperty("java.home")), jdk, "only the build's JDK 17 lacks them");
            assertEquals("", r.stderr());
            return;
        }
        assertEquals("finished\n", r.stdout());
        assertEquals(AgentRun.canonicalInstances("""

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000004 ((work_completion)dev.jlockdep.it.FutureUnderLock$Flush){+.+.}-{0:0}, at: dev.jlockdep.it.FutureUnderLock.virtualThreadTaskUnderLock(FutureUnderLock.java:142)

                but task is already holding lock:
                0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.virtualThreadTaskUnderLock(FutureUnderLock.java:141)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (FutureUnderLock.state){+.+.}-{3:3}:
                       dev.jlockdep.it.FutureUnderLock$Flush.call(FutureUnderLock.java:40)
                       dev.jlockdep.it.FutureUnderLock$Flush.call(FutureUnderLock.java:28)
                       java.util.concurrent.FutureTask.run(FutureTask.java)
                       java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture.run(ThreadPerTaskExecutor.java)
                       java.lang.VirtualThread.run(VirtualThread.java)

                -> #0 ((work_completion)dev.jlockdep.it.FutureUnderLock$Flush){+.+.}-{0:0}:
                       dev.jlockdep.it.FutureUnderLock.virtualThreadTaskUnderLock(FutureUnderLock.java:142)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:60)
                       ... and the first task of this class was queued at:
                       java.util.concurrent.ThreadPerTaskExecutor$ThreadBoundFuture.<init>(ThreadPerTaskExecutor.java)
                       java.util.concurrent.ThreadPerTaskExecutor.submit(ThreadPerTaskExecutor.java)
                       dev.jlockdep.it.FutureUnderLock.virtualThreadTaskUnderLock(FutureUnderLock.java:139)
                       dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:60)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(FutureUnderLock.state);
                                               lock((work_completion)dev.jlockdep.it.FutureUnderLock$Flush);
                                               lock(FutureUnderLock.state);
                  lock((work_completion)dev.jlockdep.it.FutureUnderLock$Flush);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000004 -> 0000000000000001 -> 0000000000000004

                1 lock held by main/TID:
                 #0: 0000000000000001 (FutureUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.FutureUnderLock.virtualThreadTaskUnderLock(FutureUnderLock.java:141)

                stack backtrace:
                 dev.jlockdep.it.FutureUnderLock.virtualThreadTaskUnderLock(FutureUnderLock.java:142)
                 dev.jlockdep.it.FutureUnderLock.main(FutureUnderLock.java:60)
                """), AgentRun.canonicalInstances(r.reports()));
    }

    /** A task waiting for another task of its single-thread pool (ordered, in the kernel's words): the pool's map taken twice. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aTaskWaitingForItsOwnBoundedPool(Path jdk) {
        assertFutureRun(jdk, "starve", """

                ============================================
                WARNING: possible recursive locking detected
                JVM jlockdep VERSION Not tainted
                --------------------------------------------
                pool-2-thread-1/TID is trying to acquire lock:
                0000000000000003 ((wq_completion)FutureUnderLock.main:54){+.+.}-{0:0}, at: dev.jlockdep.it.FutureUnderLock.lambda$starve$4(FutureUnderLock.java:189)

                but task is already holding lock:
                0000000000000003 ((wq_completion)FutureUnderLock.main:54){+.+.}-{0:0}, at: java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java)

                other info that might help us debug this:
                 Possible unsafe locking scenario:

                       CPU0
                       ----
                  lock((wq_completion)FutureUnderLock.main:54);
                  lock((wq_completion)FutureUnderLock.main:54);

                 *** DEADLOCK ***

                 May be due to missing lock nesting notation

                2 locks held by pool-2-thread-1/TID:
                 #0: 0000000000000003 ((wq_completion)FutureUnderLock.main:54){+.+.}-{0:0}, at: java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java)
                 #1: 0000000000000005 ((work_completion)FutureUnderLock.starve:188){+.+.}-{0:0}, at: java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java)

                stack backtrace:
                 dev.jlockdep.it.FutureUnderLock.lambda$starve$4(FutureUnderLock.java:189)
                 java.util.concurrent.FutureTask.run(FutureTask.java)
                 java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java)
                 java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java)
                 java.lang.Thread.run(Thread.java)
                """);
    }

    /**
     * Waiting outside the lock, inside a pool with more than one worker, for tasks of one's own kind
     * on a growing pool, and a task that is also a monitor: nothing to report.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void waitsOutsideTheLockOrOnAGrowingPoolAreSilent(Path jdk) {
        assertFutureRun(jdk, "outside", "");
        assertFutureRun(jdk, "starve-cached", "");
        assertFutureRun(jdk, "starve-fixed", "");
        assertFutureRun(jdk, "lock-task", "");
        assertFutureRun(jdk, "recursive", "");
    }
}
