package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.RecursiveReport;
import dev.jlockdep.core.model.Report;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two instances of one class nested the same way again and again (a loop) take the fast paths once the
 * pair is recorded, yet a new outer instance, or the other way round, is still seen as the slow path sees it.
 */
class SameClassRepeatTest {
    private final List<Report> reports = new ArrayList<>();
    private final Validator v = Validators.collecting(reports);

    private Object node() {
        Object o = new Object();
        v.name(o, "key:Node", "Node", WaitType.SLEEP);
        return o;
    }

    private void nest(Object outer, Object inner) {
        Validators.nest(v, outer, inner);
    }

    private List<String> pairs(Object anyNode) {
        long x = v.instanceEntry(anyNode).binding.serial();
        return v.instanceEntry(anyNode).binding.lockClass().nesting().pairs().stream()
                .map(p -> (p.outer() - x) + ">" + (p.inner() - x)).toList();
    }

    @Test
    void anotherOuterInstanceAfterARepeatedPairIsRecorded() {
        Object x = node();
        Object y = node();
        Object z = node();
        for (int i = 0; i < 5; i++) {
            nest(x, y); // the first reported and recorded; then the repeat fast path, then the repeat of the entry
        }
        nest(z, y); // the same lock at the same depth on the same chain of classes, under another instance
        assertEquals(List.of("0>1", "2>1"), pairs(x));
        assertEquals(1, reports.size());
        assertInstanceOf(RecursiveReport.class, reports.get(0));
    }

    /**
     * A pair repeated on top of another instance of its class ({@code z, a, b}) is not repeated where the
     * classes below are the same but the inner instance is among them ({@code b, a, b}): that is a reentry.
     * The middle one is a trylock, which records no pair, so that the thread's latest pair stays a > b.
     */
    @Test
    void aRepeatOverTheInnerInstanceItselfIsAReentry() {
        Object z = node();
        Object a = node();
        Object b = node();
        nest(a, b);
        for (int i = 0; i < 3; i++) {
            v.acquire(z, 0, LockMode.EXCLUSIVE, 0, false);
            v.acquire(a, 0, LockMode.EXCLUSIVE, 0, true);
            v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
            v.release(b, 0, LockMode.EXCLUSIVE);
            v.release(a, 0, LockMode.EXCLUSIVE);
            v.release(z, 0, LockMode.EXCLUSIVE);
        }
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(a, 0, LockMode.EXCLUSIVE, 0, true);
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false); // b again: a reentry, counted on its one entry
        HeldLocks t = v.threads.current();
        assertEquals(2, t.depth);
        assertEquals(2, t.at(0).refs);
    }

    /** An out-of-order release moves a repeated pair's entry down: its outer instance is then not checked, so never repeated. */
    @Test
    void aPairMovedDownByAnOutOfOrderReleaseIsNotRepeatedOverItsInnerInstance() {
        Object m = new Object();
        v.name(m, "key:Other", "Other", WaitType.SLEEP);
        Object a = node();
        Object b = node();
        for (int i = 0; i < 4; i++) {
            v.acquire(m, 0, LockMode.EXCLUSIVE, 0, false);
            nestWithoutRelease(a, b);
            if (i < 3) {
                releaseAll(b, a, m);
            }
        }
        v.release(m, 0, LockMode.EXCLUSIVE); // out of order: a and b move down
        releaseAll(b, a);
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, true); // b tried again: a reentry
        HeldLocks t = v.threads.current();
        assertEquals(1, t.depth);
        assertEquals(2, t.at(0).refs);
    }

    /** A lock held at a nesting subclass is of its class's family: a lock taken on top of it is not repeated over it. */
    @Test
    void anInstanceHeldAtANestingSubclassIsNotRepeatedOver() {
        Object a = node();
        Object b = node();
        for (int i = 0; i < 3; i++) {
            v.acquire(a, 0, LockMode.EXCLUSIVE, 1, false);
            v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false);
            releaseAll(b, a);
        }
        v.acquire(b, 0, LockMode.EXCLUSIVE, 1, false);
        v.acquire(b, 0, LockMode.EXCLUSIVE, 0, false); // b again: a reentry
        HeldLocks t = v.threads.current();
        assertEquals(1, t.depth);
        assertEquals(2, t.at(0).refs);
    }

    private void nestWithoutRelease(Object outer, Object inner) {
        v.acquire(outer, 0, LockMode.EXCLUSIVE, 0, false);
        v.acquire(inner, 0, LockMode.EXCLUSIVE, 0, false);
    }

    private void releaseAll(Object... locks) {
        for (Object l : locks) {
            v.release(l, 0, LockMode.EXCLUSIVE);
        }
    }

    @Test
    void theOtherWayRoundAfterARepeatedPairIsACycleOfThoseInstances() {
        Object x = node();
        Object y = node();
        for (int i = 0; i < 5; i++) {
            nest(x, y);
        }
        nest(y, x);
        assertEquals(2, reports.size());
        CircularReport r = assertInstanceOf(CircularReport.class, reports.get(1));
        assertEquals(List.of("0>1", "1>0"), pairs(x));
        assertEquals("Node", r.trying().bareName());
    }
}
