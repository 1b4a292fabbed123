package dev.jlockdep.cli;

import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.report.LoadedDump;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One self-contained HTML page a person reads: a table of contents of the problems (kind, evidence,
 * gate, baseline, where first seen), then a section per problem with its own diagram of the cycle
 * ({@link CycleDiagram}), how each dependency was made (application frames first, with source links
 * when a URL template is given; framework frames folded), and lockdep's text; last the part of the graph
 * around the problems ({@link GraphView}). No script, no external resource, and every name escaped:
 * lock names come from the programs under test.
 */
final class HtmlFormat {
    private static final String STYLE = """
            body { font-family: sans-serif; font-size: 14px; margin: 2em; color: #222; max-width: 1200px; }
            table.toc { border-collapse: collapse; }
            table.toc th, table.toc td { border-bottom: 1px solid #ddd; padding: 4px 10px; text-align: left; vertical-align: top; }
            table.toc td:not(:nth-child(2)) { white-space: nowrap; }
            pre, code, ol.frames { font-family: monospace; font-size: 12px; }
            pre { background: #f6f6f6; padding: 1em; overflow-x: auto; }
            section.problem { border-top: 2px solid #ccc; margin-top: 2em; }
            section.gated h3 { color: #b00; }
            .facts span { margin-right: 1.2em; }
            div.drawing { overflow-x: auto; margin: 1em 0; }
            svg { display: block; background: #fff; border: 1px solid #ddd; }
            svg text { font-family: monospace; font-size: 12px; fill: #222; }
            svg rect { fill: #eef2f8; stroke: #335; }
            svg .dep { stroke: #666; stroke-width: 1.3; fill: none; }
            svg .cycle { stroke: #c00; stroke-width: 2; }
            svg marker path { fill: #666; }
            svg #graph-head-cycle path { fill: #c00; }
            svg circle { fill: #335; }
            svg .lane-number { fill: #666; }
            ol.frames { margin: 0.3em 0; }
            details summary { cursor: pointer; font-size: 13px; }
            """;

    /** The longest title before it is cut. */
    private static final int TITLE_LENGTH = 240;

    private HtmlFormat() {
    }

    /**
     * @param known the baseline's problems, or null without one (then no column says new or known)
     * @param links where frames link to, or {@link SourceLinks#NONE}
     */
    static String render(Dumps dumps, Baseline.Known known, SourceLinks links) {
        Map<List<String>, List<LoadedDump.DumpFrame>> stacks = firstStacks(dumps);
        DumpGraph graph = new DumpGraph(dumps);
        List<Dumps.Problem> problems = dumps.credibleFirst();
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"generator\" content=\"jlockdep\">\n<title>jlockdep report</title>\n<style>\n")
                .append(STYLE).append("</style>\n</head>\n<body>\n");
        h.append("<h1>jlockdep report</h1>\n<p>").append(escape(dumps.tally(true))).append(":</p>\n<ul>\n");
        dumps.dumps.forEach(d -> h.append("<li>").append(escape(d.file().toString())).append(" (")
                .append(escape(d.jvm())).append(")</li>\n"));
        h.append("</ul>\n<h2>Problems</h2>\n");
        if (problems.isEmpty()) {
            h.append("<p>None.</p>\n");
        } else {
            contents(h, dumps, problems, known);
        }
        for (int i = 0; i < problems.size(); i++) {
            section(h, i + 1, problems.get(i), dumps, known, graph, stacks, links);
        }
        graphSection(h, graph, problems);
        return h.append("</body>\n</html>\n").toString();
    }

    private static void contents(StringBuilder h, Dumps dumps, List<Dumps.Problem> problems, Baseline.Known known) {
        h.append("<table class=\"toc\">\n<tr><th>#</th><th>Problem</th><th>Kind</th><th>Evidence</th><th>Gate</th>")
                .append(known == null ? "" : "<th>Baseline</th>").append("<th>First seen</th></tr>\n");
        for (int i = 0; i < problems.size(); i++) {
            Dumps.Problem p = problems.get(i);
            h.append("<tr><td>").append(i + 1).append("</td><td><a href=\"#problem-").append(i + 1).append("\">")
                    .append(escape(title(p))).append("</a></td><td>").append(p.kind().dumpName()).append("</td><td>")
                    .append(evidence(p)).append("</td><td>").append(escape(gate(p))).append("</td>")
                    .append(known == null ? "" : "<td>" + (known.covers(p.key()) ? "known" : "new") + "</td>")
                    .append("<td>").append(escape(firstSeen(dumps, p))).append("</td></tr>\n");
        }
        h.append("</table>\n");
    }

    private static void section(StringBuilder h, int n, Dumps.Problem p, Dumps dumps, Baseline.Known known, DumpGraph graph,
                                Map<List<String>, List<LoadedDump.DumpFrame>> stacks, SourceLinks links) {
        h.append("<section id=\"problem-").append(n).append("\" class=\"problem")
                .append(p.isCredibleDeadlock() ? " gated" : "").append("\">\n<h3>").append(n).append(". ")
                .append(escape(title(p))).append("</h3>\n<p class=\"facts\"><span>").append(p.kind().dumpName())
                .append("</span><span>").append(evidence(p)).append("</span><span>").append(escape(gate(p))).append("</span>");
        if (known != null) {
            h.append("<span>").append(known.covers(p.key()) ? "known to the baseline" : "new").append("</span>");
        }
        h.append("<span>first seen in ").append(escape(firstSeen(dumps, p))).append("</span></p>\n");
        if (!p.triage().why().isEmpty() || !p.triage().credible()) {
            h.append("<p>").append(escape(p.triage().line())).append("</p>\n");
        }
        if (p.suppressed() != null) {
            h.append("<p>Suppressed by ").append(escape(p.suppressed())).append("</p>\n");
        }
        List<List<String>> dependencies = new ArrayList<>(new LinkedHashSet<>(p.dependencies()));
        boolean allStacks = true;
        if (!dependencies.isEmpty()) {
            h.append("<div class=\"drawing\">\n")
                    .append(CycleDiagram.render("head-" + n, dependencies, graph.names, d -> takenAt(stacks.get(d)))).append("</div>\n");
            h.append("<h4>How each dependency was made</h4>\n");
            for (List<String> d : dependencies) {
                h.append("<p><code>").append(escape(graph.names.getOrDefault(d.get(0), d.get(0)))).append("</code> then <code>")
                        .append(escape(graph.names.getOrDefault(d.get(1), d.get(1)))).append("</code>, taken at:</p>\n");
                allStacks &= frames(h, stacks.getOrDefault(d, List.of()), links);
            }
        }
        if (!allStacks || dependencies.isEmpty() && !p.locations().isEmpty()) {
            // the report's own places: where each lock of a report without dependencies, or between instances, was taken
            h.append("<h4>Where the report's locks were taken</h4>\n<ol class=\"frames\">\n");
            for (LoadedDump.DumpLocation l : p.locations()) {
                LoadedDump.DumpFrame f = new LoadedDump.DumpFrame(l.className(), l.method(), l.file(), l.line());
                h.append("<li>").append(escape(l.role())).append(": ").append(frame(f, links)).append("</li>\n");
            }
            h.append("</ol>\n");
        }
        h.append("<details><summary>The report as lockdep prints it</summary>\n<pre>").append(escape(p.text()))
                .append("</pre>\n</details>\n</section>\n");
    }

    /** A stack: its application frames in order, then the others folded. False if there is none. */
    private static boolean frames(StringBuilder h, List<LoadedDump.DumpFrame> stack, SourceLinks links) {
        if (stack.isEmpty()) {
            h.append("<p>(no stack in the dumps: a dependency between instances, see below)</p>\n");
            return false;
        }
        List<LoadedDump.DumpFrame> application = new ArrayList<>();
        List<LoadedDump.DumpFrame> framework = new ArrayList<>();
        stack.forEach(f -> (SourcePlaces.isApplication(f.className(), f.file()) ? application : framework).add(f));
        if (!application.isEmpty()) {
            h.append("<ol class=\"frames\">\n");
            application.forEach(f -> h.append("<li>").append(frame(f, links)).append("</li>\n"));
            h.append("</ol>\n");
        }
        if (!framework.isEmpty()) {
            h.append("<details><summary>").append(Dumps.count(framework.size(), "framework frame"))
                    .append(application.isEmpty() ? " (no application frame)" : "").append("</summary>\n<ol class=\"frames\">\n");
            framework.forEach(f -> h.append("<li>").append(frame(f, links)).append("</li>\n"));
            h.append("</ol>\n</details>\n");
        }
        return true;
    }

    private static String frame(LoadedDump.DumpFrame f, SourceLinks links) {
        String text = escape(f.className() + "." + f.method() + "(" + (f.file() == null ? "Unknown Source" : f.file()
                + (f.line() > 0 ? ":" + f.line() : "")) + ")");
        String link = links.link(f);
        return link == null ? text : "<a href=\"" + escape(link) + "\">" + text + "</a>";
    }

    /** The method a dependency was made in: its first application frame, else its top frame. */
    static String takenAt(List<LoadedDump.DumpFrame> stack) {
        if (stack == null || stack.isEmpty()) {
            return "(no stack)";
        }
        LoadedDump.DumpFrame f = stack.stream().filter(x -> SourcePlaces.isApplication(x.className(), x.file()))
                .findFirst().orElse(stack.get(0));
        String c = f.className().substring(f.className().lastIndexOf('.') + 1);
        return c + "." + f.method() + (f.file() == null || f.line() <= 0 ? "" : " (" + f.file() + ":" + f.line() + ")");
    }

    private static void graphSection(StringBuilder h, DumpGraph graph, List<Dumps.Problem> problems) {
        h.append("<h2>Lock classes in problems, and their neighbours</h2>\n");
        Set<String> inProblems = new LinkedHashSet<>();
        problems.forEach(p -> p.dependencies().forEach(inProblems::addAll));
        List<String> nodes = GraphView.chosen(graph, inProblems);
        int classes = graph.graph.vertexSet().size();
        int dependencies = graph.graph.edgeSet().size();
        h.append("<p>").append(classes).append(classes == 1 ? " lock class and " : " lock classes and ").append(dependencies)
                .append(dependencies == 1 ? " dependency" : " dependencies").append(" in all");
        if (nodes.isEmpty()) {
            h.append("; none is in a problem. The DOT format (<code>--format dot</code>) draws them all.</p>\n");
            return;
        }
        h.append("; drawn: ").append(nodes.size()).append(", the lock classes of the problems (their dependencies in red)")
                .append(" and their neighbours")
                .append(inProblems.size() > nodes.size() ? " (" + (inProblems.size() - nodes.size()) + " more in problems not drawn)" : "")
                .append(". The DOT format (<code>--format dot</code>) draws them all.</p>\n");
        h.append("<div class=\"drawing\">\n").append(GraphView.render(graph, nodes)).append("</div>\n");
    }

    /**
     * A problem's summary, its chain cut after the first few classes when it is long (a cycle of a
     * hundred classes is drawn in its section; its title need not list them).
     */
    static String title(Dumps.Problem p) {
        String s = p.summary();
        int cut = s.lastIndexOf(" -> ", TITLE_LENGTH);
        if (s.length() <= TITLE_LENGTH || cut < 0) {
            return s;
        }
        long classes = p.dependencies().stream().flatMap(List::stream).distinct().count();
        return s.substring(0, cut) + " -> ... (" + classes + " lock classes)";
    }

    /** How sure the report is: on the very instances, on classes only, or closed only across dumps. */
    private static String evidence(Dumps.Problem p) {
        if (!p.isDeadlock()) {
            return "-";
        }
        return p.merged() ? "across dumps" : p.confirmed() ? "confirmed" : p.kind() == ReportKind.CIRCULAR ? "class level" : "-";
    }

    /** Whether {@code check} fails on it by default, and if not, why. */
    private static String gate(Dumps.Problem p) {
        if (p.suppressed() != null) {
            return "suppressed";
        }
        if (!p.isDeadlock()) {
            return "not gated";
        }
        return p.triage().credible() ? "fails the gate" : "out of the gate: " + p.triage().verdict().dumpName();
    }

    private static String firstSeen(Dumps dumps, Dumps.Problem p) {
        String test = dumps.firstSeenIn.get(p.key());
        Path dump = p.seenIn().get(0);
        return test != null ? test : String.valueOf(dump.getFileName());
    }

    /** The stack each dependency (by class keys) was first made at, from the first dump that has one. */
    private static Map<List<String>, List<LoadedDump.DumpFrame>> firstStacks(Dumps dumps) {
        Map<List<String>, List<LoadedDump.DumpFrame>> stacks = new HashMap<>();
        for (LoadedDump d : dumps.dumps) {
            Map<Integer, String> keys = new HashMap<>();
            d.classes().forEach(c -> keys.put(c.id(), c.key()));
            for (LoadedDump.DumpDependency dep : d.dependencies()) {
                List<LoadedDump.DumpFrame> stack = d.stackOf(dep);
                if (!stack.isEmpty()) {
                    stacks.putIfAbsent(List.of(keys.get(dep.from()), keys.get(dep.to())), stack);
                }
            }
        }
        return stacks;
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
