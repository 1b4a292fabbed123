package dev.jlockdep.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jgrapht.graph.DefaultDirectedGraph;

/**
 * The dependency graph of lock classes (JGraphT; loops allowed, for read-after-read of one class), and
 * lockdep's breadth-first search for the shortest strong path, confined by a topological order to the
 * part of the graph where a cycle could close. Used under the graph lock only.
 */
final class LockGraph {
    private final DefaultDirectedGraph<LockClass, Dependency> graph = new DefaultDirectedGraph<>(null, null, false);
    private final TopologicalOrder order = new TopologicalOrder();

    Dependency edge(LockClass from, LockClass to) {
        return graph.containsVertex(from) && graph.containsVertex(to) ? graph.getEdge(from, to) : null;
    }

    void add(Dependency d) {
        addVertex(d.from(), true);
        addVertex(d.to(), false);
        graph.addEdge(d.from(), d.to(), d);
        order.add(d.from(), d.to());
    }

    private void addVertex(LockClass c, boolean source) {
        if (graph.addVertex(c)) {
            order.addVertex(c, source);
        }
    }

    int size() {
        return graph.edgeSet().size();
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
                    kinds &= ~(Dependency.SR | Dependency.SN);
                }
                if (kinds != 0 && !visited.contains(d.to()) && order.inRegion(d.to())) {
                    boolean onlyRecursive = (kinds & (Dependency.SN | Dependency.EN)) == 0;
                    queue.add(new Step(d.to(), onlyRecursive, s, d));
                }
            }
        }
        return null;
    }
}
