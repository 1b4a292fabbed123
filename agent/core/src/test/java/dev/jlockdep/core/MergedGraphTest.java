package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.jlockdep.core.model.DependencyKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cycles of dependencies gathered from several runs, with the validator's own rules. */
class MergedGraphTest {

    @Test
    void findsTheCycleOnceWithItsOrigins() {
        MergedGraph<String> g = new MergedGraph<>();
        g.add("k:a", "A", 0, "k:b", "B", 0, DependencyKind.EN, "run1");
        g.add("k:b", "B", 0, "k:c", "C", 0, DependencyKind.EN, "run2");
        g.add("k:c", "C", 0, "k:a", "A", 0, DependencyKind.EN, "run3");
        g.add("k:a", "A", 0, "k:b", "B", 0, DependencyKind.EN, "run4");
        List<MergedGraph.Cycle<String>> cycles = g.cycles();
        assertEquals(1, cycles.size());
        assertEquals("circular:[k:a/0, k:b/0, k:c/0]", cycles.get(0).problemKey());
        assertEquals(List.of("run1", "run2", "run3"),
                cycles.get(0).edges().stream().map(MergedGraph.Edge::firstSeenIn).sorted().toList());
    }

    @Test
    void recursiveReadersBothWaysAreNoCycleButNormalReadersAre() {
        MergedGraph<String> recursive = new MergedGraph<>();
        recursive.add("k:a", "A", 0, "k:b", "B", 0, DependencyKind.SR, "run1");
        recursive.add("k:b", "B", 0, "k:a", "A", 0, DependencyKind.SR, "run2");
        assertEquals(List.of(), recursive.cycles());
        MergedGraph<String> readers = new MergedGraph<>();
        readers.add("k:a", "A", 0, "k:b", "B", 0, DependencyKind.SN, "run1");
        readers.add("k:b", "B", 0, "k:a", "A", 0, DependencyKind.SN, "run2");
        assertEquals(1, readers.cycles().size());
    }

    @Test
    void nestingSubclassesAreDistinctClasses() {
        MergedGraph<String> g = new MergedGraph<>();
        g.add("k:node", "node", 0, "k:node", "node", 1, DependencyKind.EN, "run1");
        assertEquals(List.of(), g.cycles());
    }

    @Test
    void aLargeAcyclicGraphHasNoCycleAndOneCycleInItIsFound() {
        MergedGraph<String> g = new MergedGraph<>();
        int n = 20_000;
        for (int i = 0; i + 1 < n; i++) { // a long chain plus shortcuts: acyclic, many reachable classes
            g.add("k:" + i, "L" + i, 0, "k:" + (i + 1), "L" + (i + 1), 0, DependencyKind.EN, "run");
            if (i + 7 < n) {
                g.add("k:" + i, "L" + i, 0, "k:" + (i + 7), "L" + (i + 7), 0, DependencyKind.EN, "run");
            }
        }
        assertEquals(List.of(), g.cycles());
        g.add("k:100", "L100", 0, "k:95", "L95", 0, DependencyKind.EN, "late");
        List<MergedGraph.Cycle<String>> cycles = g.cycles();
        assertEquals(List.of("circular:[k:100/0, k:95/0, k:96/0, k:97/0, k:98/0, k:99/0]"),
                cycles.stream().map(MergedGraph.Cycle::problemKey).toList());
    }
}
