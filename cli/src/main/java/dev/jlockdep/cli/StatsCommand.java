package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.io.PrintWriter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jlockdep stats}: lockdep_stats-like counts of each dump, and its busiest lock classes. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        exitCodeListHeading = JlockdepCommand.EXIT_CODES, exitCodeList = {JlockdepCommand.EXIT_OK, JlockdepCommand.EXIT_BAD_INPUT, JlockdepCommand.EXIT_INTERNAL},
        description = "Counts of each dump (classes, dependencies, chains and chains evicted, instances, max locking depth, reports) and the lock classes with the most dependencies.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DumpFiles dumpFiles;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "how many lock classes to list; default ${DEFAULT-VALUE}")
    int top;

    @Override
    public Integer call() {
        if (top < 0) {
            throw new BadInput("--top must not be negative");
        }
        PrintWriter out = spec.commandLine().getOut();
        Dumps dumps = dumpFiles.load();
        for (LoadedDump d : dumps.dumps) {
            out.println(d.file() + " (" + d.jvm() + "):");
            line(out, "lock-classes", d.classes().size());
            line(out, "direct dependencies", d.dependencies().size());
            line(out, "dependency chains", d.chains());
            if (d.chainsEvicted() >= 0) {
                line(out, "chains evicted", d.chainsEvicted());
            }
            line(out, "lock instances", d.instances());
            line(out, "max locking depth", d.maxDepth());
            if (d.classesInstrumented() >= 0) {
                line(out, "classes instrumented", d.classesInstrumented());
            }
            line(out, "reports", d.reports().size());
            line(out, "possible deadlocks", d.reports().stream().filter(r -> r.kind().isDeadlock()).count());
            topClasses(out, d);
            out.println();
        }
        out.flush();
        return JlockdepCommand.OK;
    }

    private static void line(PrintWriter out, String label, long value) {
        out.println(String.format(" %-30s%11d", label + ":", value));
    }

    /** As /proc/lockdep lists them: FD (dependencies after) and BD (before), direct ones. */
    private void topClasses(PrintWriter out, LoadedDump d) {
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
