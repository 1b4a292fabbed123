package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jlockdep.core.model.BadUnlockReport;
import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.GraphSnapshot;
import dev.jlockdep.core.model.HeldAtExitReport;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;

/** The validator driven directly, without an agent: lockdep's rules, one case each. */
class ValidatorTest {
    private final List<Report> reports = new ArrayList<>();
    private final SiteRegistry sites = new SiteRegistry();
    private final Validator v = new Validator(new Validator.Config(false, 8, "test", "0", false), sites,
            LockObjects.MONITORS, reports::add);

    private Object lock(String name) {
        Object o = new Object();
        v.name(o, "key:" + name, name, WaitType.SLEEP);
        return o;
    }

    private void inThread(Runnable r) throws InterruptedException {
        Thread t = new Thread(r, "other");
        t.start();
        t.join();
    }

    private void nest(Object outer, int outerMode, Object inner, int innerMode) {
        v.acquire(outer, 0, outerMode, 0, false);
        v.acquire(inner, 0, innerMode, 0, false);
        v.release(inner, 0, innerMode);
        v.release(outer, 0, outerMode);
    }

    private List<String> chainNames(CircularReport r) {
        return r.chain().stream().map(ChainLink::decorated).toList();
    }

    @Test
    void abBaAcrossThreadsThatNeverOverlap() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        inThread(() -> nest(a, 0, b, 0));
        assertTrue(reports.isEmpty());
        nest(b, 0, a, 0);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals("(A){+.+.}-{3:3}", r.trying().decorated());
        assertEquals("(B){+.+.}-{3:3}", r.holding().decorated());
        assertEquals(List.of("(B){+.+.}-{3:3}", "(A){+.+.}-{3:3}"), chainNames(r));
        assertFalse(r.hasIntermediate());
        assertTrue(r.confirmed());
        assertEquals(1, reports.size());
    }

    /**
     * A reentry (a synchronized method calling another on its object, here under a second lock) is
     * counted and released in turn, and adds no dependency: b-then-a would close a cycle with the a-then-b
     * taken just before it.
     */
    @Test
    void aReentryIsCountedAndAddsNoDependency() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(a, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(a, 0, LockMode.EXCLUSIVE);
        assertTrue(v.holds(a, LockMode.ANY));
        v.release(b, 0, LockMode.EXCLUSIVE);
        v.release(a, 0, LockMode.EXCLUSIVE);
        assertFalse(v.holds(a, LockMode.ANY));
        assertEquals(List.of(), reports);
        GraphSnapshot g = v.snapshot();
        Map<Integer, String> names = new HashMap<>();
        g.classes().forEach(c -> names.put(c.id(), c.name()));
        assertEquals(List.of("A -> B"),
                g.dependencies().stream().map(d -> names.get(d.from()) + " -> " + names.get(d.to())).toList());
    }

    @Test
    void theSameCycleIsReportedOnce() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        inThread(() -> nest(a, 0, b, 0));
        nest(b, 0, a, 0);
        inThread(() -> nest(b, 0, a, 0));
        assertEquals(1, reports.size());
    }

    @Test
    void shortestPathIsReportedAndChainExistsNamesTheParent() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        Object c = lock("C");
        Object d = lock("D");
        inThread(() -> {
            nest(a, 0, b, 0);
            nest(b, 0, c, 0);
            nest(c, 0, d, 0);
            nest(a, 0, d, 0); // the shortcut
        });
        nest(d, 0, a, 0);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(List.of("(D){+.+.}-{3:3}", "(A){+.+.}-{3:3}"), chainNames(r));
        reports.clear();
        Object e = lock("E");
        inThread(() -> {
            nest(e, 0, b, 0);
        });
        nest(c, 0, e, 0);
        r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(List.of("(C){+.+.}-{3:3}", "(B){+.+.}-{3:3}", "(E){+.+.}-{3:3}"), chainNames(r));
        assertTrue(r.hasIntermediate());
        assertEquals("B", r.parentName());
        assertEquals(List.of(2, 1, 0), r.chain().stream().map(ChainLink::depth).toList());
    }

    @Test
    void reentrantAcquisitionIsCountedNotReported() {
        Object a = lock("A");
        v.acquire(a, 0, 0, 0, false);
        v.acquire(a, 0, 0, 0, false);
        v.release(a, 0, 0);
        assertTrue(v.holds(a, LockMode.ANY));
        v.release(a, 0, 0);
        assertFalse(v.holds(a, LockMode.ANY));
        assertTrue(reports.isEmpty());
    }

    @Test
    void aLockTakenAgainWhereItWasLeftWithACountIsCountedAfresh() {
        Object a = lock("A");
        for (int i = 0; i < 3; i++) { // from the second round on, the repeat path takes it
            v.acquire(a, 0, 0, 0, false);
            v.acquire(a, 0, 0, 0, false);
            v.release(a, 0, 0);
            v.release(a, 0, 0);
            assertFalse(v.holds(a, LockMode.ANY));
        }
        v.acquire(a, 0, 0, 0, false);
        v.acquire(a, 0, 0, 0, false);
        assertTrue(v.releaseForWait(a) != null); // its entry stays behind, counting two
        v.acquire(a, 0, 0, 0, false);
        v.release(a, 0, 0);
        assertFalse(v.holds(a, LockMode.ANY), "taken once, released once");
        assertTrue(reports.isEmpty());
    }

    @Test
    void aReentryIsCountedEvenWhereTheRepeatPathRemembersTheSameLockOnTheSameChain() throws Exception {
        Object x = lock("node");
        Object y = lock("node"); // the same class
        inThread(() -> {
            // Recursive reads of one class nest without a report: y is remembered at depth 1 over a "node".
            nest(x, LockMode.RECURSIVE_READ, y, LockMode.RECURSIVE_READ);
            v.acquire(y, 0, LockMode.RECURSIVE_READ, 0, false); // now y itself is the "node" below depth 1
            v.acquire(y, 0, LockMode.RECURSIVE_READ, 0, false); // a reentry, not a second entry
            v.threadExit();
        });
        HeldAtExitReport r = assertInstanceOf(HeldAtExitReport.class, reports.get(0));
        assertEquals(1, r.held().size(), "one entry, taken twice");
    }

    @Test
    void twoInstancesOfOneClassNestedAreRecursiveUnlessNested() {
        Object parent = new Object();
        Object child = new Object();
        v.name(parent, "key:node", "node", WaitType.SLEEP);
        v.name(child, "key:node", "node", WaitType.SLEEP);
        v.acquire(parent, 0, 0, 0, false);
        v.nestNext(child, 1);
        v.acquire(child, 0, 0, 0, false);
        v.release(child, 0, 0);
        assertTrue(reports.isEmpty(), "nesting subclass 1 is another class");
        v.acquire(child, 0, 0, 0, false);
        RecursiveReport r = assertInstanceOf(RecursiveReport.class, reports.get(0));
        assertEquals("node", r.trying().bareName());
        assertEquals("node", r.holding().bareName());
    }

    @Test
    void nestingSubclassIsPrintedWithSlash() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        inThread(() -> {
            v.acquire(a, 0, 0, 0, false);
            v.nestNext(b, 2);
            v.acquire(b, 0, 0, 0, false);
            v.release(b, 0, 0);
            v.release(a, 0, 0);
        });
        v.acquire(b, 0, 0, 0, false);
        v.nestNext(a, 0);
        v.acquire(a, 0, 0, 0, false);
        assertTrue(reports.isEmpty(), "B/2 is not B");
        v.release(a, 0, 0);
        v.release(b, 0, 0);
        v.nestNext(b, 2);
        v.acquire(b, 0, 0, 0, false);
        v.acquire(a, 0, 0, 0, false);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals("B/2", r.holding().bareName());
    }

    @Test
    void aSuccessfulTrylockOrdersNothingBeforeIt() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        inThread(() -> nest(a, 0, b, 0));
        v.acquire(b, 0, 0, 0, false);
        v.acquire(a, 0, 0, 0, true);
        assertTrue(reports.isEmpty());
        // but a blocking acquisition under a trylock depends on it
        Object c = lock("C");
        v.acquire(c, 0, 0, 0, false);
        v.release(c, 0, 0);
        v.release(a, 0, 0);
        v.release(b, 0, 0);
        inThread(() -> nest(c, 0, a, 0));
        assertInstanceOf(CircularReport.class, reports.get(0));
    }

    @Test
    void aLockFirstTakenByTrylockIsValidatedWhenLaterTakenBlocking() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        for (int i = 0; i < 3; i++) { // the same slot, chain and lock each time: the repeat path
            v.acquire(b, 0, 0, 0, false);
            v.acquire(a, 0, 0, 0, true);
            v.release(a, 0, 0);
            v.release(b, 0, 0);
        }
        nest(b, 0, a, 0); // now blocking: B -> A must be learnt
        inThread(() -> nest(a, 0, b, 0));
        assertInstanceOf(CircularReport.class, reports.get(0));
    }

    @Test
    void recursiveReadersNeverBlockEachOther() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        inThread(() -> nest(a, LockMode.RECURSIVE_READ, b, LockMode.RECURSIVE_READ));
        nest(b, LockMode.RECURSIVE_READ, a, LockMode.RECURSIVE_READ);
        assertTrue(reports.isEmpty(), "R-R both ways cannot deadlock");
    }

    @Test
    void nonRecursiveReadersCanDeadlockBehindAWriter() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        inThread(() -> nest(a, LockMode.READ, b, LockMode.READ));
        nest(b, LockMode.READ, a, LockMode.READ);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(LockMode.READ, r.holding().mode());
    }

    @Test
    void writerTakingARecursiveReadHeldOnlyByReadersIsFine() throws Exception {
        // T1: read A, write B. T2: write B, recursive-read A: A is only read-held, so T2 gets it.
        Object a = lock("A");
        Object b = lock("B");
        inThread(() -> nest(a, LockMode.READ, b, LockMode.EXCLUSIVE));
        nest(b, LockMode.EXCLUSIVE, a, LockMode.RECURSIVE_READ);
        assertTrue(reports.isEmpty());
        // The same with a non-recursive read of A can deadlock (a writer queued on A blocks the reader).
        Object c = lock("C");
        Object d = lock("D");
        inThread(() -> nest(c, LockMode.READ, d, LockMode.EXCLUSIVE));
        nest(d, LockMode.EXCLUSIVE, c, LockMode.READ);
        assertInstanceOf(CircularReport.class, reports.get(0));
    }

    @Test
    void instanceTriageSaysWhenACycleNeverClosedOnTheSameInstances() throws Exception {
        Object a1 = new Object();
        Object a2 = new Object();
        Object b = lock("B");
        v.name(a1, "key:A", "A", WaitType.SLEEP);
        v.name(a2, "key:A", "A", WaitType.SLEEP);
        inThread(() -> nest(a1, 0, b, 0));
        nest(b, 0, a2, 0);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertFalse(r.confirmed());
        assertEquals(List.of(), r.instancePath());
    }

    @Test
    void releasingALockNotHeldIsABadUnlock() {
        Object a = lock("A");
        v.release(a, 0, 0);
        BadUnlockReport r = assertInstanceOf(BadUnlockReport.class, reports.get(0));
        assertEquals("A", r.lockName());
        assertEquals(List.of(), r.held());
    }

    @Test
    void locksReleasedOutOfOrderKeepTheRestConsistent() throws Exception {
        Object a = lock("A");
        Object b = lock("B");
        Object c = lock("C");
        v.acquire(a, 0, 0, 0, false);
        v.acquire(b, 0, 0, 0, false);
        v.release(a, 0, 0); // hand-over-hand
        assertFalse(v.holds(a, LockMode.ANY));
        assertTrue(v.holds(b, LockMode.ANY));
        v.acquire(c, 0, 0, 0, false);
        v.release(b, 0, 0);
        v.release(c, 0, 0);
        assertTrue(reports.isEmpty());
        // A -> B and B -> C were learnt, so C -> A closes a cycle of three threads.
        inThread(() -> nest(c, 0, a, 0));
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals(List.of("(C){+.+.}-{3:3}", "(B){+.+.}-{3:3}", "(A){+.+.}-{3:3}"), chainNames(r));
    }

    @Test
    void waitGivesTheLockUpAndTakesItBackOnTop() throws Exception {
        Object state = lock("state");
        Object io = lock("io");
        inThread(() -> nest(state, 0, io, 0));
        v.acquire(state, 0, 0, 0, false);
        v.acquire(state, 0, 0, 0, false);
        v.acquire(io, 0, 0, 0, false);
        Validator.WaitToken token = v.releaseForWait(state);
        assertFalse(v.holds(state, LockMode.ANY));
        v.reacquireAfterWait(token, 0);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals("state", r.trying().bareName());
        v.release(io, 0, 0);
        v.release(state, 0, 0);
        v.release(state, 0, 0);
        assertEquals(1, reports.size(), "the reentrancy count survived the wait");
    }

    @Test
    void aThreadEndingWithLocksHeldIsReported() throws Exception {
        Object a = lock("A");
        inThread(() -> {
            v.acquire(a, 0, 0, 0, false);
            v.threadExit();
        });
        HeldAtExitReport r = assertInstanceOf(HeldAtExitReport.class, reports.get(0));
        assertEquals(1, r.held().size());
        assertEquals("A", r.held().get(0).bareName());
    }

    @Test
    void onceTurnsValidationOffAfterTheFirstReport() throws Exception {
        Validator once = new Validator(new Validator.Config(true, 8, "test", "0", false), sites, LockObjects.MONITORS,
                reports::add);
        Object a = new Object();
        once.acquire(a, 0, 0, 0, false);
        once.release(a, 0, 0);
        once.release(a, 0, 0);
        once.release(new Object(), 0, 0);
        assertEquals(1, reports.size());
        assertFalse(once.enabled());
    }

    @Test
    void namesSharedByDifferentKeysAreNumbered() throws Exception {
        Object s1 = new Object();
        Object s2 = new Object();
        v.name(s1, "key:site1", "&s->seqcount", WaitType.NONE);
        v.name(s2, "key:site2", "&s->seqcount", WaitType.NONE);
        inThread(() -> nest(s1, 0, s2, 0));
        nest(s2, 0, s1, 0);
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(0));
        assertEquals("(&s->seqcount){+.+.}-{0:0}", r.trying().decorated());
        assertEquals("(&s->seqcount#2){+.+.}-{0:0}", r.holding().decorated());
    }

    @Test
    void theValidatorsOwnLockOperationsAreNotRecorded() {
        Object a = lock("A");
        v.enterAgent();
        v.acquire(a, 0, 0, 0, false);
        v.leaveAgent();
        assertFalse(v.holds(a, LockMode.ANY));
    }

    /** An object of the program's own type, named by its class. */
    static final class Node {
    }

    /**
     * A child made under its parent is bound as made under it also when the parent was held long enough
     * for its held entry to be demoted to a weak one (see {@link FreedLocks}).
     */
    @Test
    void aChildMadeUnderAParentHeldLongIsMadeUnderIt() throws Exception {
        Node parent = new Node();
        Object[] others = {lock("one"), lock("two")}; // taken in turn: pushed each time, not repeated
        v.acquire(parent, 0, LockMode.EXCLUSIVE, 0, false);
        for (int i = 0; i < FreedLocks.OLD + 2 * FreedLocks.SWEEP_EVERY; i++) {
            v.acquire(others[i % 2], 0, LockMode.EXCLUSIVE, 0, false);
            v.release(others[i % 2], 0, LockMode.EXCLUSIVE);
        }
        java.lang.reflect.Method current = Validator.class.getDeclaredMethod("current");
        current.setAccessible(true);
        HeldLocks.Entry held = ((HeldLocks) current.invoke(v)).at(0);
        assertTrue(held.lock == null && held.demoted != null, "the parent's entry is demoted");
        Node child = new Node();
        v.constructed(child);
        java.lang.reflect.Field field = Validator.class.getDeclaredField("binder");
        field.setAccessible(true);
        ClassBinder binder = (ClassBinder) field.get(v);
        assertEquals(binder.lookUp(parent).binding.serial(), binder.lookUp(child).binding.createdUnder());
        v.release(parent, 0, LockMode.EXCLUSIVE);
    }

    /** Objects whose monitors the test below watches, each of a class of its own, told apart in the events. */
    static final class CalledFirst {
    }

    static final class EnteredOnly {
    }

    /**
     * A JDK synchronized method's receiver is validated at the call, then recorded by the method's entry
     * hook with its monitor held, which looks it up by identity hash: validated with nothing held, it is
     * hashed there, unlocked, and keeps a thin monitor. Its twin, entered without the call's validation, is
     * hashed only under its monitor, and the JVM inflates it: where it does not (a JVM whose locking never
     * inflates for a hash), there is nothing to show.
     */
    @Test
    void aJdkSynchronizedMethodsReceiverIsHashedBeforeItsMonitorIsHeld() throws Exception {
        Validator v = Validators.collecting(new ArrayList<>());
        Object called = new CalledFirst();
        Object enteredOnly = new EnteredOnly();
        Path file = Files.createTempFile("inflations", ".jfr");
        try (Recording r = new Recording()) {
            r.enable("jdk.JavaMonitorInflate").withThreshold(Duration.ZERO);
            r.start();
            v.validateBeforeBlocking(called, 0);
            synchronized (called) {
                v.acquire(called, 0, LockMode.EXCLUSIVE, 0, false);
                v.release(called, 0, LockMode.EXCLUSIVE);
            }
            synchronized (enteredOnly) {
                v.acquire(enteredOnly, 0, LockMode.EXCLUSIVE, 0, false);
                v.release(enteredOnly, 0, LockMode.EXCLUSIVE);
            }
            r.stop();
            r.dump(file);
        }
        List<String> inflated = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            inflated.add(e.getClass("monitorClass").getName());
        }
        Files.delete(file);
        assumeTrue(inflated.contains(EnteredOnly.class.getName()), "this JVM does not inflate a monitor for a hash");
        assertFalse(inflated.contains(CalledFirst.class.getName()), "inflated: " + inflated);
    }
}
