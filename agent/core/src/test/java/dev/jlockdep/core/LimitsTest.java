package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.model.Frame;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.WarningReport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each limit is said once, in lockdep's words, and turns validation off; what came before is kept. The
 * chain cache is the exception: it evicts and validation goes on.
 */
class LimitsTest {
    private final List<Report> reports = new ArrayList<>();

    private Validator validator(Limits limits) {
        return new Validator(new Validator.Config(false, 8, "test", "0", false, limits, true, true), new SiteRegistry(),
                LockObjects.MONITORS, reports::add);
    }

    private static Object lock(Validator v, String name) {
        Object o = new Object();
        v.name(o, "key:" + name, name, WaitType.SLEEP);
        return o;
    }

    private static void nest(Validator v, Object outer, Object inner) {
        v.acquire(outer, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(inner, 0, LockMode.EXCLUSIVE, 0, false);
        v.release(inner, 0, LockMode.EXCLUSIVE);
        v.release(outer, 0, LockMode.EXCLUSIVE);
    }

    private WarningReport onlyReport() {
        assertEquals(1, reports.size(), reports.toString());
        return assertInstanceOf(WarningReport.class, reports.get(0));
    }

    @Test
    void theDependencyLimitTurnsValidationOffAndTheCycleAfterItIsNotReported() {
        Validator v = validator(new Limits(100, 2, 100, 1000));
        Object a = lock(v, "A");
        Object b = lock(v, "B");
        Object c = lock(v, "C");
        nest(v, a, b);
        nest(v, b, c);
        assertTrue(reports.isEmpty());
        nest(v, c, a);
        WarningReport r = onlyReport();
        assertEquals("BUG: maxDependencies too low! (2 dependencies; raise the agent option maxDependencies)\n"
                + "turning off the locking correctness validator.", r.message());
        assertEquals("limit:maxDependencies", r.problemKey());
        assertEquals(List.of("C"), r.held().stream().map(l -> l.bareName()).toList());
        assertFalse(v.enabled());
        assertEquals(2, v.snapshot().dependencies().size());
        nest(v, b, a);
        assertEquals(1, reports.size());
    }

    @Test
    void theClassLimitIsReachedByTheClassOneTooMany() {
        Validator v = validator(new Limits(2, 100, 100, 1000));
        lock(v, "A");
        lock(v, "B");
        assertTrue(reports.isEmpty());
        lock(v, "C");
        assertEquals("BUG: maxClasses too low! (2 lock classes; raise the agent option maxClasses)\n"
                + "turning off the locking correctness validator.", onlyReport().message());
        assertFalse(v.enabled());
    }

    @Test
    void theChainCacheEvictsInsteadOfTurningValidationOffAndAChainThatComesBackIsValidatedAgain() {
        Validator v = validator(new Limits(100, 100, 4, 1000)); // two generations of two chains
        Object a = lock(v, "A");
        Object b = lock(v, "B");
        Object c = lock(v, "C");
        Object d = lock(v, "D");
        Object e = lock(v, "E");
        nest(v, a, b); // chains [A] and [A, B]: the first generation is full
        nest(v, c, d); // [C] and [C, D]: the second is full
        assertEquals(4, v.snapshot().chains());
        assertEquals(0, v.snapshot().chainsEvicted());
        nest(v, e, a); // [E] drops the first generation, [A] and [A, B]; then [E, A]
        assertEquals(4, v.snapshot().chains());
        assertEquals(2, v.snapshot().chainsEvicted());
        nest(v, a, b); // [A] and [A, B] come back: validated again, finding nothing new; [C] and [C, D] go
        assertEquals(4, v.snapshot().chainsEvicted());
        assertTrue(reports.isEmpty(), reports.toString());
        assertTrue(v.enabled());
        nest(v, b, a); // the dependency A -> B outlives its chain: B -> A closes the cycle
        assertEquals(1, reports.size(), reports.toString());
        assertEquals("circular:[key:A/0, key:B/0]", reports.get(0).problemKey());
        assertEquals(4, v.snapshot().dependencies().size());
        assertEquals(4, v.snapshot().chains());
        assertEquals(6, v.snapshot().chainsEvicted());
    }

    @Test
    void equalStacksAreStoredOnceSoOnlyNewOnesCountAgainstTheFrameLimit() throws InterruptedException {
        Validator v = validator(new Limits(100, 100, 100, 8));
        Object[] locks = new Object[6];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = lock(v, "L" + i);
        }
        for (int i = 0; i + 1 < locks.length; i++) {
            nest(v, locks[i], locks[i + 1]); // one call site: one stack of at most 8 frames for all
        }
        assertTrue(reports.isEmpty());
        assertEquals(5, v.snapshot().dependencies().size());
        List<Frame> first = v.snapshot().dependencies().get(0).firstStack();
        assertTrue(v.snapshot().dependencies().stream().allMatch(d -> d.firstStack() == first));
        Thread other = new Thread(() -> nest(v, locks[0], locks[2])); // another thread: another stack
        other.start();
        other.join();
        assertEquals("BUG: maxStackFrames too low! (8 stack frames; raise the agent option maxStackFrames)\n"
                + "turning off the locking correctness validator.", onlyReport().message());
    }
}
