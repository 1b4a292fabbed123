package dev.jlockdep.cli;

import dev.jlockdep.core.model.ReportKind;
import dev.jlockdep.report.LoadedDump;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The counts of one dump as {@code stats} and {@code status} print them: lockdep_stats' lines, then the busiest classes. */
final class DumpStats {
    private DumpStats() {
    }

    static void print(PrintWriter out, LoadedDump d, int top) {
        line(out, "lock-classes", d.classes().size());
        line(out, "direct dependencies", d.dependencies().size());
        line(out, "dependency chains", d.chains());
        if (d.chainsEvicted() >= 0) {
            line(out, "chains evicted", d.chainsEvicted());
        }
        if (d.heldBack() >= 0) {
            line(out, "dependencies held back", d.heldBack());
        }
        line(out, "lock instances", d.instances());
        line(out, "max locking depth", d.maxDepth());
        if (d.classesInstrumented() >= 0) {
            line(out, "classes instrumented", d.classesInstrumented());
        }
        line(out, "reports", d.reports().size());
        Map<ReportKind, Integer> byKind = new EnumMap<>(ReportKind.class);
        d.reports().forEach(r -> byKind.merge(r.kind(), 1, Integer::sum));
        byKind.forEach((kind, n) -> line(out, "  " + kind.dumpName(), n));
        line(out, "possible deadlocks", d.reports().stream().filter(r -> r.kind().isDeadlock()).count());
        topClasses(out, d, top);
    }

    private static void line(PrintWriter out, String label, long value) {
        out.println(String.format(" %-30s%11d", label + ":", value));
    }

    /** As /proc/lockdep lists them: FD (dependencies after) and BD (before), direct ones. */
    private static void topClasses(PrintWriter out, LoadedDump d, int top) {
        Map<Integer, int[]> counts = new HashMap<>();
        for (LoadedDump.DumpDependency dep : d.dependencies()) {
            counts.computeIfAbsent(dep.from(), k -> new int[2])[0]++;
            counts.computeIfAbsent(dep.to(), k -> new int[2])[1]++;
        }
        List<LoadedDump.DumpClass> busiest = d.classes().stream()
                .sorted(Comparator.comparingInt((LoadedDump.DumpClass c) -> -total(counts, c.id()))
                        .thenComparing(LoadedDump.DumpClass::bareName))
                .limit(top).toList();
        if (!busiest.isEmpty()) {
            out.println(" top lock classes by dependencies:");
        }
        for (LoadedDump.DumpClass c : busiest) {
            int[] n = counts.getOrDefault(c.id(), new int[2]);
            out.println(String.format("  FD:%5d BD:%5d %s", n[0], n[1], c.bareName()));
        }
    }

    private static int total(Map<Integer, int[]> counts, int id) {
        int[] n = counts.get(id);
        return n == null ? 0 : n[0] + n[1];
    }
}
