package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.jlockdep.core.model.DependencyKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.connectivity.KosarajuStrongConnectivityInspector;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.junit.jupiter.api.Test;

/**
 * The cycle search confined by the topological order finds what a search of the whole graph finds,
 * checked against JGraphT's own algorithms on random graphs that grow cycles as they go.
 */
class LockGraphTest {

    @Test
    void theConfinedSearchFindsEveryShortestPathAndTheComponentsAreTheStronglyConnectedOnes() {
        growRandomGraphs(false);
    }

    /** Dependencies loaded in bulk, searched in between: the order rebuilt in one pass is as good. */
    @Test
    void anOrderRebuiltAfterBulkLoadingIsAsGoodAsOneKeptUpToDate() {
        growRandomGraphs(true);
    }

    private static void growRandomGraphs(boolean someInBulk) {
        for (long seed = 1; seed <= 30; seed++) {
            Random random = new Random(seed);
            int n = 5 + random.nextInt(40);
            LockClassRegistry registry = new LockClassRegistry();
            List<LockClass> classes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                classes.add(registry.lookup("k" + i, "c" + i, 0, WaitType.SLEEP));
            }
            LockGraph graph = new LockGraph();
            DefaultDirectedGraph<LockClass, Dependency> reference = new DefaultDirectedGraph<>(null, null, false);
            classes.forEach(reference::addVertex);
            // Mostly forward in a hidden order, sometimes backward: cycles form and merge as it grows.
            for (int e = 0; e < 3 * n; e++) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                LockClass from = classes.get(Math.min(a, b));
                LockClass to = classes.get(Math.max(a, b));
                if (random.nextInt(8) == 0) {
                    LockClass t = from;
                    from = to;
                    to = t;
                }
                if (from == to || graph.edge(from, to) != null) {
                    continue;
                }
                GraphPath<LockClass, Dependency> expected = to == from ? null
                        : BFSShortestPath.findPathBetween(reference, to, from);
                List<Dependency> found = graph.strongPath(to, from, false, true);
                String at = "seed " + seed + ", adding " + from + " -> " + to;
                if (expected == null) {
                    assertNull(found, at);
                } else {
                    assertEquals(expected.getLength(), found.size(), at);
                    assertEquals(to, found.get(0).from(), at);
                    assertEquals(from, found.get(found.size() - 1).to(), at);
                }
                Dependency d = new Dependency(from, to, DependencyKind.EN, List.of(), null, List.of(), Dependency.Gates.NONE,
                        false);
                if (someInBulk && random.nextBoolean()) {
                    graph.addInBulk(d);
                } else {
                    graph.add(d);
                }
                reference.addEdge(from, to, d);
                assertSameComponents(reference, graph, at);
            }
        }
    }

    private static void assertSameComponents(DefaultDirectedGraph<LockClass, Dependency> reference, LockGraph graph,
                                             String at) {
        Map<Integer, Integer> ours = new HashMap<>(); // our component id -> reference component index
        int index = 0;
        for (Set<LockClass> scc : new KosarajuStrongConnectivityInspector<>(reference).stronglyConnectedSets()) {
            LockClass any = scc.iterator().next();
            if (reference.degreeOf(any) == 0) {
                index++;
                continue; // not a vertex of ours yet
            }
            for (LockClass c : scc) {
                Integer previous = ours.put(graph.component(c), index);
                assertEquals(previous == null ? index : previous, index, at + ": " + c + " in " + scc);
            }
            assertEquals(1, scc.stream().map(graph::component).distinct().count(), at + ": " + scc);
            index++;
        }
    }
}
