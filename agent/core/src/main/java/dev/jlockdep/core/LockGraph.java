package dev.jlockdep.core;

import dev.jlockdep.core.model.DependencyKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.graph.AbstractBaseGraph;
import org.jgrapht.graph.DefaultGraphSpecificsStrategy;
import org.jgrapht.graph.DefaultGraphType;

/**
 * The dependency graph of lock classes (JGraphT; loops allowed, for read-after-read of one class), and
 * lockdep's breadth-first search for the shortest strong path, confined by a topological order to the
 * part of the graph where a cycle could close. Used under the graph lock only.
 */
final class LockGraph {
    /**
     * Directed, loops allowed. Without JGraphT's fast pair look-up (a set per pair of classes) and its
     * multi-edge check (a scan of the source's edges): each pair is added once, found in {@link #byPair}.
     */
    private final Graph<LockClass, Dependency> graph = new AbstractBaseGraph<>(null, null,
            DefaultGraphType.directedPseudograph(), new DefaultGraphSpecificsStrategy<>()) {
    };
    private final Map<Long, Dependency> byPair = new HashMap<>();
    private final TopologicalOrder order = new TopologicalOrder();

    Dependency edge(LockClass from, LockClass to) {
        return byPair.get(pair(from, to));
    }

    /**
     * The pair's key: both ids, scrambled by an odd multiplier (one to one) so that Long's hash, the
     * high half xor the low half, does not collide for every pair whose ids xor alike.
     */
    private static long pair(LockClass from, LockClass to) {
        return ((long) from.id() << 32 | to.id()) * 0x9E3779B97F4A7C15L;
    }

    void add(Dependency d) {
        insert(d);
        order.add(d.from(), d.to());
    }

    /**
     * Adds a dependency without restoring the order at once: for loading a whole graph, whose order
     * is then computed in one linear pass when next needed.
     */
    void addInBulk(Dependency d) {
        insert(d);
        order.addUnordered(d.from(), d.to());
    }

    private void insert(Dependency d) {
        addVertex(d.from(), true);
        addVertex(d.to(), false);
        graph.addEdge(d.from(), d.to(), d);
        byPair.put(pair(d.from(), d.to()), d);
    }

    private void addVertex(LockClass c, boolean source) {
        if (graph.addVertex(c)) {
            order.addVertex(c, source);
        }
    }

    int size() {
        return byPair.size();
    }

    Set<Dependency> edges() {
        return graph.edgeSet();
    }

    /** The strongly connected component of a class in the graph (a cycle never leaves one). */
    int component(LockClass c) {
        return order.component(c);
    }

    /**
     * The shortest strong path from {@code source} to {@code target} that conflicts with adding
     * {@code target -> source}, or null. A strong path never has a -(xR)- step followed by a -(Sx)-
     * step (readers do not block recursive readers); it conflicts when the held lock was taken
     * exclusively or the path ends in a -(xN)- step (lockdep's hlock_conflict).
     *
     * @param sourceOnlyRecursive the new lock is a recursive read, so the step into it was -(xR)-
     * @param targetExclusive     the held lock was taken exclusively
     * @return the dependencies of the path, from {@code source} on; empty when source is target
     */
    List<Dependency> strongPath(LockClass source, LockClass target, boolean sourceOnlyRecursive,
                                boolean targetExclusive) {
        record Step(LockClass at, boolean onlyRecursive, Step parent, Dependency via) {
        }
        if (!graph.containsVertex(source) || !graph.containsVertex(target)) {
            return source == target && targetExclusive ? List.of() : null;
        }
        if (!order.markRegion(target, source)) {
            return null;
        }
        ArrayDeque<Step> queue = new ArrayDeque<>();
        Set<LockClass> visited = new HashSet<>();
        queue.add(new Step(source, sourceOnlyRecursive, null, null));
        while (!queue.isEmpty()) {
            Step s = queue.poll();
            if (!visited.add(s.at)) {
                continue;
            }
            if (s.at == target && (targetExclusive || !s.onlyRecursive)) {
                List<Dependency> path = new ArrayList<>();
                for (Step p = s; p.via != null; p = p.parent) {
                    path.add(p.via);
                }
                Collections.reverse(path);
                return path;
            }
            for (Dependency d : graph.outgoingEdgesOf(s.at)) {
                int kinds = d.kinds();
                if (s.onlyRecursive) {
                    kinds &= ~(DependencyKind.SR | DependencyKind.SN);
                }
                if (kinds != 0 && !visited.contains(d.to()) && order.inRegion(d.to())) {
                    boolean onlyRecursive = (kinds & (DependencyKind.SN | DependencyKind.EN)) == 0;
                    queue.add(new Step(d.to(), onlyRecursive, s, d));
                }
            }
        }
        return null;
    }
}
