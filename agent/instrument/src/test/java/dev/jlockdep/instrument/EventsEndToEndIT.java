package dev.jlockdep.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.testing.AgentRun;
import dev.jlockdep.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
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
    static Stream<Path> jdks() {
        return AgentRun.jdks();
    }

    /** Runs EventWaits' {@code variant}: the golden file's reports, or none from a run the agent saw. */
    private static void assertEvents(Path jdk, String variant, Golden expected) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.EventWaits", List.of(variant));
        expected.assertMatches(jdk, d.result().reports());
        if (expected.equals(Golden.NONE)) {
            d.assertSeen(2); // the lock and the event
        }
        assertEquals("finished\n", d.result().stdout());
        assertEquals(0, d.result().exit());
    }

    /** CountDownLatch.await under the lock the counting thread took: reported at the await. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLatchAwaitedUnderTheLockItsCounterTakes(Path jdk) {
        assertEvents(jdk, "latch", Golden.of("EventsEndToEndIT/aLatchAwaitedUnderTheLockItsCounterTakes"));
    }

    /** Semaphore.acquire under the lock the releasing thread took. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aPermitAcquiredUnderTheLockItsReleaserTakes(Path jdk) {
        assertEvents(jdk, "semaphore", Golden.of("EventsEndToEndIT/aPermitAcquiredUnderTheLockItsReleaserTakes"));
    }

    /** Condition.await under a lock the signaller took: the waiter waited first, so the signal reports. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aConditionSignalledAfterTakingTheLockItsWaiterHolds(Path jdk) {
        assertEvents(jdk, "condition", Golden.of("EventsEndToEndIT/aConditionSignalledAfterTakingTheLockItsWaiterHolds"));
    }

    /** Object.wait under a lock the notifier took. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aNotifyAfterTakingTheLockTheWaiterHolds(Path jdk) {
        assertEvents(jdk, "monitor", Golden.of("EventsEndToEndIT/aNotifyAfterTakingTheLockTheWaiterHolds"));
    }

    /** Thread.join under a lock the joined thread took: its end is the event, named where it was made. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aThreadJoinedUnderALockItTook(Path jdk) {
        assertEvents(jdk, "join", Golden.of("EventsEndToEndIT/aThreadJoinedUnderALockItTook"));
    }

    /**
     * The correct variants: waits outside the lock, a signaller that takes nothing the waiter holds, a
     * semaphore used as a lock inside the state lock (the releaser's own permit).
     */
    @ParameterizedTest
    @ValueSource(strings = {"latch-outside", "join-outside", "condition-outside", "semaphore-mutex"})
    void theCorrectVariantsAreSilent(String variant) {
        jdks().forEach(jdk -> assertEvents(jdk, variant, Golden.NONE));
    }

    /**
     * Programs that need JDK 21 and later APIs run from source on Temurin 25 (src/test/preview, with
     * --enable-preview for structured concurrency). The source launcher's own frames, whose line numbers
     * change with the JDK, are left out of the comparison.
     */
    private static void assertFromSource(String program, String variant, Golden expected) {
        AgentRun.Dumped d = AgentRun.runFromSourceDumped(program, List.of(variant));
        AgentRun.Result r = d.result();
        String reports = r.reports().lines().filter(l -> !l.contains("com.sun.tools.javac.launcher."))
                .collect(Collectors.joining("\n", "", r.reports().isEmpty() ? "" : "\n"));
        expected.assertMatches(AgentRun.jdk25(), reports);
        if (expected.equals(Golden.NONE)) {
            d.assertSeen(2);
        }
        assertEquals("finished\n", r.stdout());
        assertEquals(0, r.exit());
    }

    /** Structured concurrency: joining a scope under the lock its subtask took is a cycle through the subtask. */
    @Test
    void aScopeJoinedUnderTheLockItsSubtaskTakes() {
        assertFromSource("ScopeUnderLock", "join", Golden.of("EventsEndToEndIT/aScopeJoinedUnderTheLockItsSubtaskTakes"));
    }

    /** A virtual thread's end is an event too: joined under the lock it took. */
    @Test
    void aVirtualThreadJoinedUnderALockItTook() {
        assertFromSource("VirtualJoin", "join", Golden.of("EventsEndToEndIT/aVirtualThreadJoinedUnderALockItTook"));
    }

    /** A virtual thread that ends holding a lock, as a platform thread that does. */
    @Test
    void aVirtualThreadEndingWithALockHeld() {
        assertFromSource("VirtualJoin", "exit-holding", Golden.of("EventsEndToEndIT/aVirtualThreadEndingWithALockHeld"));
    }

    @ParameterizedTest
    @CsvSource({"ScopeUnderLock, outside", "VirtualJoin, outside"})
    void theirCorrectVariantsAreSilent(String program, String variant) {
        assertFromSource(program, variant, Golden.NONE);
    }

    /**
     * A group commit: the committer waits, holding its connection, for a flush the flusher began while
     * holding its own; what the flusher took before it began the flush cannot stop its notify. Silent.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aWaitForAFlushInProgressIsNoCycleWithWhatTheFlusherTookBefore(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.GroupCommit", List.of());
        Golden.NONE.assertMatches(jdk, d.result().reports());
        d.assertSeen(3); // the connections, the registry and the log
        assertEquals("finished\n", d.result().stdout());
        // The wait was seen (the committer's locks come before the event); the notify depends on the log's
        // monitor it is sent in, not on the flusher's connection.
        String event = "(notify)dev.jlockdep.it.GroupCommit$Log";
        List<String> dependencies = d.dependencies();
        assertTrue(dependencies.contains("GroupCommit.registry -> " + event), dependencies.toString());
        assertTrue(dependencies.contains(event + " -> dev.jlockdep.it.GroupCommit$Log"), dependencies.toString());
        assertTrue(dependencies.stream().noneMatch(s -> s.startsWith(event + " -> dev.jlockdep.it.GroupCommit$Connection")),
                dependencies.toString());
    }

    /**
     * A run of {@code program} that must report nothing: its dump's dependencies ("from -> to"), which must
     * include every one of {@code expected}.
     */
    private static void silentRun(Path jdk, String agentArgs, String program, List<String> args,
                                  String... dependencies) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, agentArgs, List.of(), "dev.jlockdep.it." + program, args);
        Golden.NONE.assertMatches(jdk, d.result().reports());
        assertEquals(List.of(0, "finished\n"), List.of(d.result().exit(), d.result().stdout()));
        assertEquals(List.of(dependencies), d.dependencies().stream().sorted().toList());
    }

    /** A run of {@code program} that reports what its golden file has, and finishes. */
    private static void reportedRun(Path jdk, String program, String variant, String golden) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it." + program, List.of(variant));
        Golden.of("EventsEndToEndIT/" + golden).assertMatches(jdk, r.reports());
        assertEquals(List.of(0, "finished\n"), List.of(r.exit(), r.stdout()));
    }

    /**
     * Page latches of two kinds: the wait for an allocation page's latch under the cache, and a user
     * page's release after the cache, are on two events (each named after its page's monitor, by class).
     * Silent.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void theLatchesOfTwoKindsOfPageAreTwoEvents(Path jdk) {
        silentRun(jdk, null, "PageLatches", List.of(),
                "(notify)dev.jlockdep.it.PageLatches$AllocPage -> dev.jlockdep.it.PageLatches$AllocPage",
                "(notify)dev.jlockdep.it.PageLatches$UserPage -> PageLatches.allocCache",
                "(notify)dev.jlockdep.it.PageLatches$UserPage -> dev.jlockdep.it.PageLatches$UserPage",
                "(thread)PageLatches.main:63 -> dev.jlockdep.it.PageLatches$AllocPage",
                "PageLatches.allocCache -> (notify)dev.jlockdep.it.PageLatches$AllocPage",
                "PageLatches.allocCache -> dev.jlockdep.it.PageLatches$AllocPage");
    }

    /**
     * A latch set after the cache was taken, and released under it after other pages' sections (twenty
     * pages; two hundred; one page latched and released a thousand times): what the release ends began
     * after the cache, so the cache is no dependency of it. Silent.
     */
    @ParameterizedTest
    @MethodSource("jdksAndPageLoops")
    void aLatchSetUnderTheLockItsWaiterHoldsIsNoCycle(Path jdk, String pages, String passes) {
        silentRun(jdk, null, "PageLatches", List.of("under-cache", pages, passes),
                "(notify)dev.jlockdep.it.PageLatches$AllocPage -> dev.jlockdep.it.PageLatches$AllocPage",
                "(notify)dev.jlockdep.it.PageLatches$AllocPage -> dev.jlockdep.it.PageLatches$UserPage",
                "(notify)dev.jlockdep.it.PageLatches$UserPage -> PageLatches.allocCache",
                "(notify)dev.jlockdep.it.PageLatches$UserPage -> dev.jlockdep.it.PageLatches$UserPage",
                "(thread)PageLatches.main:63 -> dev.jlockdep.it.PageLatches$AllocPage",
                "PageLatches.allocCache -> (notify)dev.jlockdep.it.PageLatches$AllocPage",
                "PageLatches.allocCache -> dev.jlockdep.it.PageLatches$AllocPage",
                "PageLatches.allocCache -> dev.jlockdep.it.PageLatches$UserPage");
    }

    static Stream<Arguments> jdksAndPageLoops() {
        return jdks().flatMap(jdk -> Stream.of(Arguments.of(jdk, "20", "1"), Arguments.of(jdk, "200", "1"),
                Arguments.of(jdk, "1", "1000")));
    }

    /**
     * A condition's signal, in a section on its lock after the section that set what it clears, depends
     * only on what its thread took since: the setter's connection, taken before, is no dependency (it
     * does depend on the lock it is signalled under). Silent.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aConditionSignalDependsOnlyOnWhatCameAfterTheSectionThatBeganIt(Path jdk) {
        silentRun(jdk, null, "ConditionSections", List.of(),
                "(condition)ConditionSections$Entry.settingIdentity -> ConditionSections$Entry.mutex",
                "(thread)ConditionSections.main:83 -> ConditionSections$Entry.mutex",
                "dev.jlockdep.it.ConditionSections$Connection -> (condition)ConditionSections$Entry.settingIdentity",
                "dev.jlockdep.it.ConditionSections$Connection -> ConditionSections$Entry.mutex");
    }

    /** Its twin: the setter takes a connection between marking the entry and signalling. Reported. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aConditionSignalledAfterTheLockItsWaiterHoldsIsACycle(Path jdk) {
        reportedRun(jdk, "ConditionSections", "after", "aConditionSignalledAfterTheLockItsWaiterHolds");
    }

    /** Its twin: a page of the kind waited for is released after the cache. Reported. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLatchReleasedAfterTheLockItsWaiterHoldsIsACycle(Path jdk) {
        reportedRun(jdk, "PageLatches", "same", "aLatchReleasedAfterTheLockItsWaiterHolds");
    }

    /**
     * A {@code notify()} on a monitor whose waiters waited at two places (a buffer's takers and putters):
     * one warning, with both places, at the notify that could wake the wrong one.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aNotifyThatWakesOneOfTwoKindsOfWaiterIsWarnedOf(Path jdk) {
        reportedRun(jdk, "WakeOne", "one", "aNotifyThatWakesOneOfTwoKindsOfWaiter");
    }

    /** Its correct twin: notifyAll() wakes every waiter, each rechecks its own condition. Silent. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aNotifyAllWakesEveryKindOfWaiter(Path jdk) {
        silentRun(jdk, null, "WakeOne", List.of("all"), "(notify)dev.jlockdep.it.WakeOne -> dev.jlockdep.it.WakeOne",
                "(thread)WakeOne.main:105 -> dev.jlockdep.it.WakeOne", "(thread)WakeOne.main:117 -> dev.jlockdep.it.WakeOne");
    }

    /** A condition's {@code signal()} whose waiters awaited at two places: the same warning. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aSignalThatWakesOneOfTwoKindsOfWaiterIsWarnedOf(Path jdk) {
        reportedRun(jdk, "WakeOne", "signal", "aSignalThatWakesOneOfTwoKindsOfWaiter");
    }

    /** Its correct twin: signalAll() wakes every waiter. Silent. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aSignalAllWakesEveryKindOfWaiter(Path jdk) {
        silentRun(jdk, null, "WakeOne", List.of("signal-all"),
                "(condition)WakeOne$ConditionBuffer.changed -> WakeOne$ConditionBuffer.lock",
                "(thread)WakeOne.main:105 -> WakeOne$ConditionBuffer.lock",
                "(thread)WakeOne.main:117 -> WakeOne$ConditionBuffer.lock");
    }

    /** With {@code wakeUps=false} the notify of two kinds of waiter is not warned of; its events stay. */
    @ParameterizedTest
    @MethodSource("jdks")
    void wakeUpChecksSwitchedOffSayNothing(Path jdk) {
        silentRun(jdk, "wakeUps=false", "WakeOne", List.of("one"), "(notify)dev.jlockdep.it.WakeOne -> dev.jlockdep.it.WakeOne",
                "(thread)WakeOne.main:105 -> dev.jlockdep.it.WakeOne", "(thread)WakeOne.main:117 -> dev.jlockdep.it.WakeOne");
    }

    /** With {@code events=false} the same run records its locks and no event: nothing to report. */
    @ParameterizedTest
    @MethodSource("jdks")
    void eventsSwitchedOffLeaveTheLocksAlone(Path jdk) {
        silentRun(jdk, "events=false", "PageLatches", List.of("same"),
                "PageLatches.allocCache -> dev.jlockdep.it.PageLatches$AllocPage");
    }

    /** Its twin: the flusher takes, during the flush, the registry the committer waits in. Reported. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aFlusherTakingTheLockItsWaiterHoldsIsACycle(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.GroupCommit", List.of("takes-registry"));
        Golden.of("EventsEndToEndIT/aFlusherTakingTheLockItsWaiterHolds").assertMatches(jdk, r.reports());
        assertEquals("finished\n", r.stdout());
    }

    /**
     * A thread object's monitor notified by code that took the state lock is no end of that thread: main
     * joins it under the state lock, and the thread itself took nothing. Silent.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aNotifyOnAThreadObjectIsNoEndOfThatThread(Path jdk) {
        AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.NotifyOnThread", List.of());
        Golden.NONE.assertMatches(jdk, d.result().reports());
        d.assertSeen(2);
        assertEquals("notifier took the state lock\nfinished\n", d.result().stdout());
    }

    /**
     * A thread that tries the lock its joiner holds, before it ends: a trylock waits for nothing, so its end
     * does not depend on that lock. Silent, with a {@code ReentrantLock} and with a {@code StampedLock}'s
     * read lock; the dump shows the join was seen.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLockTriedBeforeAThreadEndsOrdersNothing(Path jdk) {
        for (String variant : List.of("try", "try-read")) {
            AgentRun.Dumped d = AgentRun.runDumped(jdk, null, List.of(), "dev.jlockdep.it.TryLockBeforeEnd",
                    List.of(variant));
            Golden.NONE.assertMatches(jdk, d.result().reports());
            String held = variant.equals("try") ? "TryLockBeforeEnd.state" : "TryLockBeforeEnd.table";
            assertEquals(List.of(held + " -> (thread)TryLockBeforeEnd.main:32"), d.dependencies()); // the join, and no more
            assertEquals("finished\n", d.result().stdout());
        }
    }

    /**
     * Its twins: the thread blocks on that lock, directly, under a lock it tried, or before a lock it tried
     * and eight more taken under an outer lock, a real cycle each.
     */
    @ParameterizedTest
    @MethodSource("jdks")
    void aLockTakenUnderATriedOneBeforeAThreadEndsIsACycle(Path jdk) {
        for (String variant : List.of("lock", "try-then-lock", "tried-between")) {
            AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.TryLockBeforeEnd", List.of(variant));
            Golden.of("EventsEndToEndIT/aLockTakenBeforeAThreadEnds-" + variant).assertMatches(jdk, r.reports());
            assertEquals("finished\n", r.stdout());
        }
    }

    /** Its twin: the joined thread takes the state lock before it ends, a real cycle. */
    @ParameterizedTest
    @MethodSource("jdks")
    void aThreadThatTakesTheLockItsJoinerHoldsIsACycle(Path jdk) {
        AgentRun.Result r = AgentRun.run(jdk, null, List.of(), "dev.jlockdep.it.NotifyOnThread",
                List.of("worker-takes-state"));
        Golden.of("EventsEndToEndIT/aThreadThatTakesTheLockItsJoinerHolds").assertMatches(jdk, r.reports());
        assertEquals("notifier took the state lock\nworker took the state lock\nfinished\n", r.stdout());
    }
}
