package dev.jlockdep.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jgrapht.Graphs;
import org.jgrapht.graph.DefaultEdge;

/**
 * The part of the merged graph worth a look, in SVG: the lock classes of the problems and their
 * neighbours, at most {@link #MAX_NODES} (a run has thousands of classes; the DOT format draws them
 * all). Classes sit round an ellipse, one per row on each side, each label running outwards from its
 * node: labels on one side are a row apart and the two sides run away from each other, so none overlap.
 */
final class GraphView {
    static final int MAX_NODES = 50;
    private static final int ROW = 20;
    private static final int MARGIN = 20;
    private static final int RX = 150;

    private GraphView() {
    }

    /** The classes to draw: those of the problems, then their neighbours, each group by name, up to the maximum. */
    static List<String> chosen(DumpGraph g, Set<String> inProblems) {
        Comparator<String> byName = Comparator.comparing((String k) -> g.names.getOrDefault(k, k)).thenComparing(k -> k);
        Set<String> chosen = new LinkedHashSet<>();
        inProblems.stream().filter(g.graph::containsVertex).sorted(byName).limit(MAX_NODES).forEach(chosen::add);
        List<String> neighbours = new ArrayList<>();
        for (String k : chosen) {
            neighbours.addAll(Graphs.neighborListOf(g.graph, k));
        }
        neighbours.stream().distinct().filter(k -> !chosen.contains(k)).sorted(byName).toList().forEach(k -> {
            if (chosen.size() < MAX_NODES) {
                chosen.add(k);
            }
        });
        return new ArrayList<>(chosen);
    }

    static String render(DumpGraph g, List<String> nodes) {
        int left = (nodes.size() + 1) / 2;
        int longest = nodes.stream().mapToInt(k -> g.names.getOrDefault(k, k).length()).max().orElse(0);
        double width = 2 * (MARGIN + longest * CycleDiagram.CHAR_WIDTH + 12 + RX);
        double height = 2 * MARGIN + left * ROW;
        double cx = width / 2;
        double cy = height / 2;
        double ry = left * ROW / 2.0 + ROW; // beyond the last row, so that every row has room on the ellipse
        double[][] at = new double[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            boolean onLeft = i < left;
            int row = onLeft ? i : nodes.size() - 1 - i; // round the ellipse: down the left, up the right
            double y = MARGIN + ROW / 2.0 + row * ROW;
            double dx = RX * Math.sqrt(Math.max(0, 1 - Math.pow((y - cy) / ry, 2)));
            at[i] = new double[] {onLeft ? cx - dx : cx + dx, y};
        }
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"graph\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\">\n", width, height, width, height));
        s.append("<defs>").append(CycleDiagram.marker("graph-head")).append(CycleDiagram.marker("graph-head-cycle")).append("</defs>\n");
        for (int i = 0; i < nodes.size(); i++) {
            for (int j = 0; j < nodes.size(); j++) {
                DefaultEdge e = i == j ? null : g.graph.getEdge(nodes.get(i), nodes.get(j));
                if (e != null) {
                    boolean cycle = g.onCycle(e);
                    double dx = at[j][0] - at[i][0];
                    double dy = at[j][1] - at[i][1];
                    double cut = 6 / Math.max(1, Math.hypot(dx, dy)); // end at the node's rim, so the arrowhead shows
                    s.append(String.format(Locale.ROOT, "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
                            + " marker-end=\"url(#%s)\"/>\n", cycle ? "dep cycle" : "dep", at[i][0] + dx * cut,
                            at[i][1] + dy * cut, at[j][0] - dx * cut, at[j][1] - dy * cut, cycle ? "graph-head-cycle" : "graph-head"));
                }
            }
        }
        for (int i = 0; i < nodes.size(); i++) {
            boolean onLeft = i < left;
            s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\"/>\n", at[i][0], at[i][1]));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", at[i][0] + (onLeft ? -9 : 9),
                    at[i][1] + 4, onLeft ? "end" : "start")).append(HtmlFormat.escape(g.names.getOrDefault(nodes.get(i), nodes.get(i))))
                    .append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }
}
