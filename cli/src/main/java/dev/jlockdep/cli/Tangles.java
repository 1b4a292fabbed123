package dev.jlockdep.cli;

import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.report.LoadedDump;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Circular problems that share a lock class, made one problem: a tangle of classes has as many cycles
 * as ways round it, and which of them a run reports depends on the order its dependencies came in, so
 * a cycle is no unit a baseline can keep from run to run. A tangle is keyed by all its classes; a
 * baseline knows it when one of its tangles holds every one of them (see {@link Baseline}).
 */
final class Tangles {
    private Tangles() {
    }

    /** The problems with every tangle of two or more circular problems made one, at the first one's place. */
    static Map<String, Dumps.Problem> group(Map<String, Dumps.Problem> problems) {
        Map<String, String> parent = new HashMap<>();
        for (Dumps.Problem p : problems.values()) {
            List<String> members = tangled(p);
            for (String m : members) {
                union(parent, members.get(0), m);
            }
        }
        Map<String, List<Dumps.Problem>> byTangle = new LinkedHashMap<>();
        Map<String, Object> ordered = new LinkedHashMap<>(); // a problem's key, or a tangle's root in its place
        for (Dumps.Problem p : problems.values()) {
            List<String> members = tangled(p);
            if (members.isEmpty()) {
                ordered.put(p.key(), p);
                continue;
            }
            String root = "tangle " + find(parent, members.get(0));
            byTangle.computeIfAbsent(root, r -> new ArrayList<>()).add(p);
            ordered.putIfAbsent(root, root);
        }
        Map<String, Dumps.Problem> out = new LinkedHashMap<>();
        for (Object o : ordered.values()) {
            Dumps.Problem p = o instanceof Dumps.Problem single ? single : tangle(byTangle.get((String) o));
            out.put(p.key(), p);
        }
        return out;
    }

    /**
     * The classes of a circular problem between two or more classes; empty for every other problem (a
     * suppressed one stays apart: a rule chose it, not its tangle).
     */
    private static List<String> tangled(Dumps.Problem p) {
        List<String> members = p.kind() == ReportKind.CIRCULAR && p.suppressed() == null ? ProblemKey.members(p.key())
                : List.of();
        return members.size() < 2 ? List.of() : members;
    }

    /** One problem for the cycles of a tangle: the first credible one's report, the others named under it. */
    private static Dumps.Problem tangle(List<Dumps.Problem> cycles) {
        if (cycles.size() == 1) {
            return cycles.get(0);
        }
        List<Dumps.Problem> sorted = new ArrayList<>(cycles);
        sorted.sort(Comparator.comparing(p -> !p.triage().credible()));
        Dumps.Problem first = sorted.get(0);
        Set<String> members = new TreeSet<>();
        Set<Path> seenIn = new LinkedHashSet<>();
        Set<List<String>> dependencies = new LinkedHashSet<>();
        Set<LoadedDump.DumpLocation> locations = new LinkedHashSet<>();
        boolean confirmed = false;
        boolean merged = true;
        for (Dumps.Problem p : sorted) {
            members.addAll(ProblemKey.members(p.key()));
            seenIn.addAll(p.seenIn());
            dependencies.addAll(p.dependencies());
            locations.addAll(p.locations());
            confirmed |= p.confirmed();
            merged &= p.merged();
        }
        String more = Dumps.count(sorted.size() - 1, "more cycle");
        StringBuilder text = new StringBuilder(first.text());
        text.append("jlockdep: one tangle of ").append(members.size()).append(" lock classes, ").append(more)
                .append(" through them:\n");
        for (Dumps.Problem p : sorted.subList(1, sorted.size())) {
            text.append("  ").append(p.summary()).append(" (").append(p.triage().verdict().dumpName()).append(")\n");
        }
        return new Dumps.Problem(ReportKind.CIRCULAR, ProblemKey.circular(members),
                first.summary() + " and " + more + " (a tangle of " + members.size() + " lock classes)", text.toString(),
                confirmed, merged, new ArrayList<>(seenIn), List.copyOf(dependencies), List.copyOf(locations),
                first.triage(), null);
    }

    private static String find(Map<String, String> parent, String x) {
        String p = parent.getOrDefault(x, x);
        while (!p.equals(x)) {
            String up = parent.getOrDefault(p, p);
            parent.put(x, up);
            x = p;
            p = up;
        }
        return x;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
        }
    }
}
