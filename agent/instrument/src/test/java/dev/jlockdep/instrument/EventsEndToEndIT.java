package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Waits and events (it/EventWaits): holding a lock while waiting for an event whose signaller takes
 * that lock first is a cycle, reported at the wait when the signaller ran first and at the signal when
 * the waiter did; the same code with the wait outside the lock, or a signaller that takes nothing, is
 * silent. On JDK 17 and Temurin 25.
 */
class EventsEndToEndIT {
    static java.util.stream.Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    private static void assertEvents(Path jdk, String variant, String expectedReports) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.EventWaits", List.of(variant));
        assertEquals(AgentRun.canonicalInstances(expectedReports), AgentRun.canonicalInstances(r.reports()),
                "reports on stderr");
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
    }

    /** CountDownLatch.await under the lock the counting thread took: reported at the await. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLatchAwaitedUnderTheLockItsCounterTakes(Path jdk) {
        assertEvents(jdk, "latch", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000002 ((latch)EventWaits.ready){+.+.}-{0:0}, at: dev.jlockdep.it.EventWaits.latch(EventWaits.java:61)

                but task is already holding lock:
                0000000000000001 (EventWaits.state){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.latch(EventWaits.java:60)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (EventWaits.state){+.+.}-{3:3}:
                       dev.jlockdep.it.EventWaits.update(EventWaits.java:46)
                       ... and then (latch)EventWaits.ready was signalled at:
                       dev.jlockdep.it.EventWaits.lambda$latch$0(EventWaits.java:54)
                       java.lang.Thread.run(Thread.java)

                -> #0 ((latch)EventWaits.ready){+.+.}-{0:0}:
                       dev.jlockdep.it.EventWaits.latch(EventWaits.java:61)
                       dev.jlockdep.it.EventWaits.main(EventWaits.java:31)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(EventWaits.state);
                                               lock((latch)EventWaits.ready);
                                               lock(EventWaits.state);
                  lock((latch)EventWaits.ready);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000002 -> 0000000000000001 -> 0000000000000002

                1 lock held by main/TID:
                 #0: 0000000000000001 (EventWaits.state){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.latch(EventWaits.java:60)

                stack backtrace:
                 dev.jlockdep.it.EventWaits.latch(EventWaits.java:61)
                 dev.jlockdep.it.EventWaits.main(EventWaits.java:31)
                """);
    }

    /** Semaphore.acquire under the lock the releasing thread took. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPermitAcquiredUnderTheLockItsReleaserTakes(Path jdk) {
        assertEvents(jdk, "semaphore", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000003 ((semaphore)EventWaits.permits){+.+.}-{0:0}, at: dev.jlockdep.it.EventWaits.semaphore(EventWaits.java:78)

                but task is already holding lock:
                0000000000000001 (EventWaits.state){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.semaphore(EventWaits.java:77)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (EventWaits.state){+.+.}-{3:3}:
                       dev.jlockdep.it.EventWaits.update(EventWaits.java:46)
                       ... and then (semaphore)EventWaits.permits was signalled at:
                       dev.jlockdep.it.EventWaits.lambda$semaphore$1(EventWaits.java:72)
                       java.lang.Thread.run(Thread.java)

                -> #0 ((semaphore)EventWaits.permits){+.+.}-{0:0}:
                       dev.jlockdep.it.EventWaits.semaphore(EventWaits.java:78)
                       dev.jlockdep.it.EventWaits.main(EventWaits.java:33)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(EventWaits.state);
                                               lock((semaphore)EventWaits.permits);
                                               lock(EventWaits.state);
                  lock((semaphore)EventWaits.permits);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000003 -> 0000000000000001 -> 0000000000000003

                1 lock held by main/TID:
                 #0: 0000000000000001 (EventWaits.state){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.semaphore(EventWaits.java:77)

                stack backtrace:
                 dev.jlockdep.it.EventWaits.semaphore(EventWaits.java:78)
                 dev.jlockdep.it.EventWaits.main(EventWaits.java:33)
                """);
    }

    /** Condition.await under a lock the signaller took: the waiter waited first, so the signal reports. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aConditionSignalledAfterTakingTheLockItsWaiterHolds(Path jdk) {
        assertEvents(jdk, "condition", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is signalling:
                0000000000000005 ((condition)EventWaits.done){+.+.}-{0:0}, at: dev.jlockdep.it.EventWaits.condition(EventWaits.java:127)

                after taking lock:
                0000000000000001 (EventWaits.state){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.update(EventWaits.java:46)

                which lock already depends on the event.


                the existing dependency chain (in reverse order) is:

                -> #1 ((condition)EventWaits.done){+.+.}-{0:0}:
                       dev.jlockdep.it.EventWaits.lambda$condition$3(EventWaits.java:109)
                       java.lang.Thread.run(Thread.java)

                -> #0 (EventWaits.state){+.+.}-{3:3}:
                       dev.jlockdep.it.EventWaits.update(EventWaits.java:46)
                       ... and then (condition)EventWaits.done was signalled at:
                       dev.jlockdep.it.EventWaits.condition(EventWaits.java:127)
                       dev.jlockdep.it.EventWaits.main(EventWaits.java:35)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock((condition)EventWaits.done);
                                               lock(EventWaits.state);
                                               lock((condition)EventWaits.done);
                  lock(EventWaits.state);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000005 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000004 (EventWaits.lock){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.condition(EventWaits.java:124)

                stack backtrace:
                 dev.jlockdep.it.EventWaits.condition(EventWaits.java:127)
                 dev.jlockdep.it.EventWaits.main(EventWaits.java:35)
                """);
    }

    /** Object.wait under a lock the notifier took. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aNotifyAfterTakingTheLockTheWaiterHolds(Path jdk) {
        assertEvents(jdk, "monitor", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is signalling:
                0000000000000008 ((notify)EventWaits.mon){+.+.}-{0:0}, at: dev.jlockdep.it.EventWaits.monitor(EventWaits.java:161)

                after taking lock:
                0000000000000001 (EventWaits.state){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.update(EventWaits.java:46)

                which lock already depends on the event.


                the existing dependency chain (in reverse order) is:

                -> #1 ((notify)EventWaits.mon){+.+.}-{0:0}:
                       dev.jlockdep.it.EventWaits.lambda$monitor$4(EventWaits.java:145)
                       java.lang.Thread.run(Thread.java)

                -> #0 (EventWaits.state){+.+.}-{3:3}:
                       dev.jlockdep.it.EventWaits.update(EventWaits.java:46)
                       ... and then (notify)EventWaits.mon was signalled at:
                       dev.jlockdep.it.EventWaits.monitor(EventWaits.java:161)
                       dev.jlockdep.it.EventWaits.main(EventWaits.java:37)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock((notify)EventWaits.mon);
                                               lock(EventWaits.state);
                                               lock((notify)EventWaits.mon);
                  lock(EventWaits.state);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000001 -> 0000000000000008 -> 0000000000000001

                1 lock held by main/TID:
                 #0: 0000000000000006 (EventWaits.mon){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.monitor(EventWaits.java:159)

                stack backtrace:
                 dev.jlockdep.it.EventWaits.monitor(EventWaits.java:161)
                 dev.jlockdep.it.EventWaits.main(EventWaits.java:37)
                """);
    }

    /** Thread.join under a lock the joined thread took: its end is the event, named where it was made. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aThreadJoinedUnderALockItTook(Path jdk) {
        assertEvents(jdk, "join", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                0000000000000007 ((thread)EventWaits.join:169){+.+.}-{0:0}, at: dev.jlockdep.it.EventWaits.join(EventWaits.java:176)

                but task is already holding lock:
                0000000000000001 (EventWaits.state){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.join(EventWaits.java:175)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (EventWaits.state){+.+.}-{3:3}:
                       dev.jlockdep.it.EventWaits.update(EventWaits.java:46)
                       ... and then (thread)EventWaits.join:169 was signalled at:
                       java.lang.Thread.exit(Thread.java)

                -> #0 ((thread)EventWaits.join:169){+.+.}-{0:0}:
                       dev.jlockdep.it.EventWaits.join(EventWaits.java:176)
                       dev.jlockdep.it.EventWaits.main(EventWaits.java:38)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(EventWaits.state);
                                               lock((thread)EventWaits.join:169);
                                               lock(EventWaits.state);
                  lock((thread)EventWaits.join:169);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 0000000000000007 -> 0000000000000001 -> 0000000000000007

                1 lock held by main/TID:
                 #0: 0000000000000001 (EventWaits.state){+.+.}-{3:3}, at: dev.jlockdep.it.EventWaits.join(EventWaits.java:175)

                stack backtrace:
                 dev.jlockdep.it.EventWaits.join(EventWaits.java:176)
                 dev.jlockdep.it.EventWaits.main(EventWaits.java:38)
                """);
    }

    /**
     * The correct variants: waits outside the lock, a signaller that takes nothing the waiter holds, a
     * semaphore used as a lock inside the state lock (the releaser's own permit).
     */
    @ParameterizedTest
    @ValueSource(strings = {"latch-outside", "join-outside", "condition-outside", "semaphore-mutex"})
    void theCorrectVariantsAreSilent(String variant) {
        jdks().forEach(jdk -> assertEvents(jdk, variant, ""));
    }

    /**
     * Programs that need JDK 21 and later APIs run from source on Temurin 25 (src/test/preview, with
     * --enable-preview for structured concurrency). The source launcher's own frames, whose line numbers
     * change with the JDK, are left out of the comparison.
     */
    private static void assertFromSource(String program, String variant, String expectedReports) {
        AgentRun.Result r = AgentRun.runFromSource(program, List.of(variant));
        String reports = r.reports().lines().filter(l -> !l.contains("com.sun.tools.javac.launcher."))
                .collect(java.util.stream.Collectors.joining("\n", "", r.reports().isEmpty() ? "" : "\n"));
        assertEquals(AgentRun.canonicalInstances(expectedReports), AgentRun.canonicalInstances(reports),
                "reports on stderr");
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
    }

    /** Structured concurrency: joining a scope under the lock its subtask took is a cycle through the subtask. */
    @Test
    void aScopeJoinedUnderTheLockItsSubtaskTakes() {
        assertFromSource("ScopeUnderLock", "join", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                000000000000000c ((work_completion)ScopeUnderLock.main:19){+.+.}-{0:0}, at: dev.jlockdep.it.ScopeUnderLock.main(ScopeUnderLock.java:31)

                but task is already holding lock:
                000000000000000b (ScopeUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.ScopeUnderLock.main(ScopeUnderLock.java:30)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (ScopeUnderLock.state){+.+.}-{3:3}:
                       dev.jlockdep.it.ScopeUnderLock.lambda$main$0(ScopeUnderLock.java:20)
                       java.util.concurrent.StructuredTaskScopeImpl$SubtaskImpl.run(StructuredTaskScopeImpl.java)
                       java.lang.VirtualThread.run(VirtualThread.java)

                -> #0 ((work_completion)ScopeUnderLock.main:19){+.+.}-{0:0}:
                       dev.jlockdep.it.ScopeUnderLock.main(ScopeUnderLock.java:31)
                       ... and the first task of this class was queued at:
                       dev.jlockdep.it.ScopeUnderLock.main(ScopeUnderLock.java:19)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(ScopeUnderLock.state);
                                               lock((work_completion)ScopeUnderLock.main:19);
                                               lock(ScopeUnderLock.state);
                  lock((work_completion)ScopeUnderLock.main:19);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 000000000000000c -> 000000000000000b -> 000000000000000c

                1 lock held by main/TID:
                 #0: 000000000000000b (ScopeUnderLock.state){+.+.}-{3:3}, at: dev.jlockdep.it.ScopeUnderLock.main(ScopeUnderLock.java:30)

                stack backtrace:
                 dev.jlockdep.it.ScopeUnderLock.main(ScopeUnderLock.java:31)
                """);
    }

    /** A virtual thread's end is an event too: joined under the lock it took. */
    @Test
    void aVirtualThreadJoinedUnderALockItTook() {
        assertFromSource("VirtualJoin", "join", """

                ======================================================
                WARNING: possible circular locking dependency detected
                JVM jlockdep VERSION Not tainted
                ------------------------------------------------------
                main/TID is trying to acquire lock:
                000000000000000c ((thread)VirtualJoin.main:20){+.+.}-{0:0}, at: dev.jlockdep.it.VirtualJoin.main(VirtualJoin.java:30)

                but task is already holding lock:
                000000000000000b (VirtualJoin.state){+.+.}-{3:3}, at: dev.jlockdep.it.VirtualJoin.main(VirtualJoin.java:29)

                which lock already depends on the new lock.


                the existing dependency chain (in reverse order) is:

                -> #1 (VirtualJoin.state){+.+.}-{3:3}:
                       dev.jlockdep.it.VirtualJoin.lambda$main$1(VirtualJoin.java:21)
                       ... and then (thread)VirtualJoin.main:20 was signalled at:
                       java.lang.VirtualThread.run(VirtualThread.java)

                -> #0 ((thread)VirtualJoin.main:20){+.+.}-{0:0}:
                       dev.jlockdep.it.VirtualJoin.main(VirtualJoin.java:30)

                other info that might help us debug this:

                 Possible unsafe locking scenario:

                       CPU0                    CPU1
                       ----                    ----
                  lock(VirtualJoin.state);
                                               lock((thread)VirtualJoin.main:20);
                                               lock(VirtualJoin.state);
                  lock((thread)VirtualJoin.main:20);

                 *** DEADLOCK ***

                jlockdep: confirmed: the cycle closed on the same instances: 000000000000000c -> 000000000000000b -> 000000000000000c

                1 lock held by main/TID:
                 #0: 000000000000000b (VirtualJoin.state){+.+.}-{3:3}, at: dev.jlockdep.it.VirtualJoin.main(VirtualJoin.java:29)

                stack backtrace:
                 dev.jlockdep.it.VirtualJoin.main(VirtualJoin.java:30)
                """);
    }

    /** A virtual thread that ends holding a lock, as a platform thread that does. */
    @Test
    void aVirtualThreadEndingWithALockHeld() {
        assertFromSource("VirtualJoin", "exit-holding", """

                ====================================
                WARNING: unnamed/TID still has locks held!
                JVM jlockdep VERSION Not tainted
                ------------------------------------
                1 lock held by unnamed/TID:
                 #0: 000000000000000c (VirtualJoin.main:15){+.+.}-{3:3}, at: dev.jlockdep.it.VirtualJoin.lambda$main$0(VirtualJoin.java:16)

                stack backtrace:
                 java.lang.VirtualThread.run(VirtualThread.java)
                """);
    }

    @ParameterizedTest
    @CsvSource({"ScopeUnderLock, outside", "VirtualJoin, outside"})
    void theirCorrectVariantsAreSilent(String program, String variant) {
        assertFromSource(program, variant, "");
    }
}
