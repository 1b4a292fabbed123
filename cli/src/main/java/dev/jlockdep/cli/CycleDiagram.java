package dev.jlockdep.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A problem's own diagram, in SVG: its lock classes one under another, in the order the cycle runs, and
 * each dependency an arrow labelled with the method that made it. An arrow to the next class runs
 * straight down, labelled beside it in the gap between the two; any other runs in a lane of its own on
 * the left, numbered under the classes and labelled in a row of its own below. No two labels share a
 * row, so none can overlap, whatever the lengths of the names, and no line crosses a label.
 */
final class CycleDiagram {
    /** Width of a character of the 12px monospace font of every label. */
    static final double CHAR_WIDTH = 7.3;
    private static final int MARGIN = 12;
    private static final int BOX = 26;
    private static final int GAP = 34;
    private static final int LANE = 24; // a lane's number of three digits still fits
    private static final int ROW = 20;

    private CycleDiagram() {
    }

    /**
     * @param id           unique in the page, for the arrowhead's marker
     * @param dependencies the problem's dependencies, each {@code [from key, to key]}
     * @param names        printed names by class key
     * @param label        what each dependency's label says (the method that made it)
     */
    static String render(String id, List<List<String>> dependencies, Map<String, String> names, Function<List<String>, String> label) {
        List<String> order = order(dependencies);
        int longestName = order.stream().mapToInt(k -> names.getOrDefault(k, k).length()).max().orElse(0);
        double boxWidth = longestName * CHAR_WIDTH + 16;
        List<List<String>> down = new ArrayList<>();
        List<List<String>> lanes = new ArrayList<>();
        for (List<String> d : dependencies) {
            (order.indexOf(d.get(1)) == order.indexOf(d.get(0)) + 1 ? down : lanes).add(d);
        }
        double boxLeft = MARGIN + lanes.size() * LANE + (lanes.isEmpty() ? 0 : 16);
        double centre = boxLeft + boxWidth / 2;
        double lastBottom = y(order.size() - 1) + BOX;
        double numbersRow = lastBottom + 16;
        double width = boxLeft + boxWidth;
        for (List<String> d : down) {
            width = Math.max(width, centre + 8 + label.apply(d).length() * CHAR_WIDTH);
        }
        List<String> laneLabels = new ArrayList<>();
        for (int k = 0; k < lanes.size(); k++) {
            List<String> d = lanes.get(k);
            laneLabels.add((k + 1) + ": " + names.getOrDefault(d.get(0), d.get(0)) + " -> "
                    + names.getOrDefault(d.get(1), d.get(1)) + " at " + label.apply(d));
            width = Math.max(width, MARGIN + laneLabels.get(k).length() * CHAR_WIDTH);
        }
        width += MARGIN;
        double height = (lanes.isEmpty() ? lastBottom : numbersRow + 8 + lanes.size() * ROW) + MARGIN;

        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg class=\"cycle\" xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\""
                + " viewBox=\"0 0 %.0f %.0f\">\n", width, height, width, height));
        String head = "url(#" + id + ")";
        s.append("<defs>").append(marker(id)).append("</defs>\n");
        for (int i = 0; i < order.size(); i++) {
            String name = names.getOrDefault(order.get(i), order.get(i));
            s.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.0f\" width=\"%.1f\" height=\"%d\" rx=\"4\"/>\n",
                    boxLeft, y(i), boxWidth, BOX));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.0f\">", boxLeft + 8, y(i) + 17))
                    .append(HtmlFormat.escape(name)).append("</text>\n");
        }
        for (List<String> d : down) {
            int from = order.indexOf(d.get(0));
            s.append(String.format(Locale.ROOT, "<path class=\"dep\" d=\"M%.1f,%.0f V%.0f\" marker-end=\"%s\"/>\n",
                    centre, y(from) + BOX, y(from + 1) - 1, head));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.0f\">", centre + 8, y(from) + BOX + GAP / 2.0 + 4))
                    .append(HtmlFormat.escape(label.apply(d))).append("</text>\n");
        }
        for (int k = 0; k < lanes.size(); k++) {
            List<String> d = lanes.get(k);
            double x = boxLeft - 16 - k * LANE; // the innermost lane first
            double nudge = (k % 3 - 1) * 5; // lanes leaving or entering one box do not share a line
            boolean loop = d.get(0).equals(d.get(1)); // out of the box and back into it, a little lower
            double from = y(order.indexOf(d.get(0))) + BOX / 2.0 + (loop ? -6 : nudge);
            double to = y(order.indexOf(d.get(1))) + BOX / 2.0 + (loop ? 6 : nudge);
            s.append(String.format(Locale.ROOT, "<path class=\"dep lane\" d=\"M%.1f,%.1f H%.1f V%.1f H%.1f\" marker-end=\"%s\"/>\n",
                    boxLeft, from, x, to, boxLeft - 1, head));
            s.append(String.format(Locale.ROOT, "<text class=\"lane-number\" x=\"%.1f\" y=\"%.0f\" text-anchor=\"middle\">%d</text>\n",
                    x, numbersRow, k + 1));
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.0f\">", MARGIN, numbersRow + 8 + (k + 1) * ROW - 6))
                    .append(HtmlFormat.escape(laneLabels.get(k))).append("</text>\n");
        }
        return s.append("</svg>\n").toString();
    }

    /** The top of the box of the class at {@code row}. */
    private static double y(int row) {
        return MARGIN + row * (double) (BOX + GAP);
    }

    /** The classes in the order the dependencies run from the first one's source, each once. */
    static List<String> order(List<List<String>> dependencies) {
        Set<String> order = new LinkedHashSet<>();
        for (List<String> start : dependencies) {
            String at = start.get(0);
            while (at != null && order.add(at)) {
                String next = null;
                for (List<String> d : dependencies) {
                    if (d.get(0).equals(at) && !order.contains(d.get(1))) {
                        next = d.get(1);
                        break;
                    }
                }
                at = next;
            }
        }
        dependencies.forEach(d -> order.add(d.get(1)));
        return new ArrayList<>(order);
    }

    static String marker(String id) {
        return "<marker id=\"" + id + "\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\""
                + " orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\"/></marker>";
    }
}
