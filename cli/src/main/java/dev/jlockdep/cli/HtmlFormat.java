package dev.jlockdep.cli;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import org.jgrapht.alg.drawing.CircularLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DefaultEdge;

/**
 * One self-contained HTML page: the merged graph drawn as SVG (JGraphT's circular layout; the
 * dependencies of reported cycles in red), then every problem with its report text. No script, no
 * external resource, and every name escaped: lock names come from the programs under test.
 */
final class HtmlFormat {
    /** Height of the drawing; its width leaves room for the longest name on either side of the circle. */
    private static final int HEIGHT = 560;
    private static final int NODE_RADIUS = 6;
    /** Width of a character of the 11px label font, generously. */
    private static final double CHAR_WIDTH = 6.8;

    private HtmlFormat() {
    }

    static String render(Dumps dumps) {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"generator\" content=\"jlockdep\">\n<title>jlockdep report</title>\n");
        h.append("<style>\n")
                .append("body { font-family: sans-serif; margin: 2em; color: #222; }\n")
                .append("pre { background: #f6f6f6; padding: 1em; overflow-x: auto; font-size: 12px; }\n")
                .append("svg { border: 1px solid #ddd; background: #fff; }\n")
                .append("line.dep { stroke: #888; stroke-width: 1.2; }\n")
                .append("line.cycle { stroke: #c00; stroke-width: 2; }\n")
                .append("circle { fill: #335; }\n")
                .append("text { font-size: 11px; }\n")
                .append(".deadlock h3 { color: #c00; }\n")
                .append("</style>\n</head>\n<body>\n");
        h.append("<h1>jlockdep report</h1>\n<p>").append(dumps.tally(true)).append(":</p>\n<ul>\n");
        dumps.dumps.forEach(d -> h.append("<li>").append(escape(d.file().toString())).append(" (")
                .append(escape(d.jvm())).append(")</li>\n"));
        h.append("</ul>\n<h2>Lock classes and their dependencies</h2>\n");
        graph(h, new DumpGraph(dumps));
        h.append("<h2>Reports</h2>\n");
        int n = 0;
        for (Dumps.Problem p : dumps.problems.values()) {
            h.append("<section id=\"report-").append(++n).append("\"").append(p.isDeadlock() ? " class=\"deadlock\"" : "")
                    .append(">\n<h3>").append(escape(p.summary())).append("</h3>\n<p>seen in ");
            for (int i = 0; i < p.seenIn().size(); i++) {
                Path f = p.seenIn().get(i);
                h.append(i == 0 ? "" : ", ").append(escape(f.toString()));
            }
            h.append("</p>\n<pre>").append(escape(p.text())).append("</pre>\n</section>\n");
        }
        if (n == 0) {
            h.append("<p>None.</p>\n");
        }
        return h.append("</body>\n</html>\n").toString();
    }

    private static void graph(StringBuilder h, DumpGraph g) {
        int longest = g.names.values().stream().mapToInt(String::length).max().orElse(0);
        double radius = HEIGHT / 2.0 - 40;
        int width = (int) Math.ceil(2 * (radius + longest * CHAR_WIDTH + 30));
        MapLayoutModel2D<String> layout = new MapLayoutModel2D<>(new Box2D(width, HEIGHT));
        new CircularLayoutAlgorithm2D<String, DefaultEdge>(radius, Comparator.comparing(g.names::get))
                .layout(g.graph, layout);
        h.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(HEIGHT).append("\">\n");
        h.append("<defs>\n");
        marker(h, "arrow", "#888");
        marker(h, "arrow-cycle", "#c00");
        h.append("</defs>\n");
        for (DefaultEdge e : g.graph.edgeSet()) {
            Point2D from = layout.get(g.graph.getEdgeSource(e));
            Point2D to = layout.get(g.graph.getEdgeTarget(e));
            double dx = to.getX() - from.getX();
            double dy = to.getY() - from.getY();
            double len = Math.max(1, Math.hypot(dx, dy));
            double cut = (NODE_RADIUS + 2) / len; // end at the node's rim, so the arrowhead shows
            boolean cycle = g.onCycle(e);
            h.append(String.format(Locale.ROOT,
                    "<line class=\"%s\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" marker-end=\"url(#%s)\"/>\n",
                    cycle ? "dep cycle" : "dep", from.getX() + dx * cut, from.getY() + dy * cut,
                    to.getX() - dx * cut, to.getY() - dy * cut, cycle ? "arrow-cycle" : "arrow"));
        }
        for (String v : g.graph.vertexSet()) {
            Point2D p = layout.get(v);
            boolean right = p.getX() >= width / 2.0;
            h.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%d\"/>\n", p.getX(), p.getY(), NODE_RADIUS));
            h.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\">", p.getX() + (right ? 10 : -10),
                    p.getY() + 4, right ? "start" : "end")).append(escape(g.names.get(v))).append("</text>\n");
        }
        h.append("</svg>\n");
    }

    private static void marker(StringBuilder h, String id, String colour) {
        h.append("<marker id=\"").append(id).append("\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\"")
                .append(" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"").append(colour)
                .append("\"/></marker>\n");
    }

    /** Text as HTML: the five characters that could end an element or an attribute. */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
