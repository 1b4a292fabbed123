package dev.jlockdep.cli;

import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.Map;
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
        DumpGraph g = new DumpGraph(dumps);
        Map<String, String> ids = new LinkedHashMap<>();
        g.graph.vertexSet().forEach(v -> ids.put(v, "c" + ids.size()));
        DOTExporter<String, DefaultEdge> exporter = new DOTExporter<>(ids::get);
        exporter.setGraphIdProvider(() -> "jlockdep");
        // The exporter escapes quotes; control characters would break the line-based DOT text.
        exporter.setVertexAttributeProvider(v -> Map.of("label",
                DefaultAttribute.createAttribute(g.names.get(v).replaceAll("\\p{Cntrl}", " "))));
        exporter.setEdgeAttributeProvider(e -> g.onCycle(e)
                ? Map.of("color", DefaultAttribute.createAttribute("red"))
                : Map.of());
        StringWriter out = new StringWriter();
        exporter.exportGraph(g.graph, out);
        return out.toString();
    }
}
