package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;

/** The merged dependency graph of the dumps, by class key, as the DOT and HTML formats draw it. */
final class DumpGraph {
    final DefaultDirectedGraph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
    /** Printed name of each class key. */
    final Map<String, String> names = new LinkedHashMap<>();
    private final Set<List<String>> onCycles = new HashSet<>();

    DumpGraph(Dumps dumps) {
        for (LoadedDump d : dumps.dumps) {
            Map<Integer, LoadedDump.DumpClass> byId = new LinkedHashMap<>();
            for (LoadedDump.DumpClass c : d.classes()) {
                byId.put(c.id(), c);
                names.putIfAbsent(c.key(), c.bareName());
                graph.addVertex(c.key());
            }
            for (LoadedDump.DumpDependency dep : d.dependencies()) {
                graph.addEdge(byId.get(dep.from()).key(), byId.get(dep.to()).key());
            }
        }
        dumps.problems.values().forEach(p -> onCycles.addAll(p.dependencies()));
    }

    /** Whether the dependency is part of a reported cycle. */
    boolean onCycle(DefaultEdge e) {
        return onCycles.contains(List.of(graph.getEdgeSource(e), graph.getEdgeTarget(e)));
    }
}
