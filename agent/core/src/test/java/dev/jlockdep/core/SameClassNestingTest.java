package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The pairs of one class's instances nested in one another, and the cycles among them. */
class SameClassNestingTest {
    private static List<SameClassNesting.Pair> record(SameClassNesting n, long outer, long inner) {
        return n.record(outer, inner, false, List::of);
    }

    @Test
    void pairsInOneOrderCloseNoCycle() {
        SameClassNesting n = new SameClassNesting();
        assertNull(record(n, 1, 2));
        assertNull(record(n, 2, 3));
        assertNull(record(n, 1, 3));
        assertNull(record(n, 1, 2), "a pair seen before");
        assertEquals(3, n.pairs().size());
        assertFalse(n.closedACycle());
    }

    @Test
    void aPairTheOtherWayOrRoundALoopClosesACycleOnThoseInstances() {
        SameClassNesting n = new SameClassNesting();
        record(n, 1, 2);
        List<SameClassNesting.Pair> both = record(n, 2, 1);
        assertEquals(List.of("1>2", "2>1"), both.stream().map(p -> p.outer() + ">" + p.inner()).toList());
        SameClassNesting loop = new SameClassNesting();
        record(loop, 1, 2);
        record(loop, 2, 3);
        List<SameClassNesting.Pair> closed = record(loop, 3, 1);
        assertEquals(List.of("1>2", "2>3", "3>1"), closed.stream().map(p -> p.outer() + ">" + p.inner()).toList());
        assertTrue(loop.closedACycle());
    }

    @Test
    void afterItsCapacityNoPairIsRecordedAndTheFastPathNeedNotStepAside() {
        SameClassNesting n = new SameClassNesting();
        for (int i = 0; i < SameClassNesting.CAPACITY; i++) {
            assertTrue(n.open());
            record(n, 1000 + i, 2000 + i);
        }
        assertFalse(n.open());
        assertNull(record(n, 2000, 1000), "not recorded: the verdict stands on the pairs seen");
        assertEquals(SameClassNesting.CAPACITY, n.pairs().size());
    }
}
