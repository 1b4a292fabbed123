package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.io.StringWriter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.graph.DefaultDirectedGraph;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.nio.DefaultAttribute;
import org.jgrapht.nio.dot.DOTExporter;

/**
 * The merged dependency graph of the dumps as Graphviz DOT (JGraphT's exporter): one node per lock
 * class, one edge per dependency, and the dependencies of every reported cycle drawn red.
 */
final class DotFormat {
    private DotFormat() {
    }

    static String render(Dumps dumps) {
        DefaultDirectedGraph<String, DefaultEdge> graph = new DefaultDirectedGraph<>(DefaultEdge.class);
        Map<String, String> names = new LinkedHashMap<>();
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
        Set<List<String>> onCycles = new HashSet<>();
        dumps.problems.values().forEach(p -> onCycles.addAll(p.dependencies()));

        Map<String, String> ids = new LinkedHashMap<>();
        graph.vertexSet().forEach(v -> ids.put(v, "c" + ids.size()));
        DOTExporter<String, DefaultEdge> exporter = new DOTExporter<>(ids::get);
        exporter.setGraphIdProvider(() -> "jlockdep");
        // The exporter escapes quotes; control characters would break the line-based DOT text.
        exporter.setVertexAttributeProvider(v -> Map.of("label",
                DefaultAttribute.createAttribute(names.get(v).replaceAll("\\p{Cntrl}", " "))));
        exporter.setEdgeAttributeProvider(e -> onCycles.contains(List.of(graph.getEdgeSource(e), graph.getEdgeTarget(e)))
                ? Map.of("color", DefaultAttribute.createAttribute("red"))
                : Map.of());
        StringWriter out = new StringWriter();
        exporter.exportGraph(graph, out);
        return out.toString();
    }
}
