package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.io.PrintWriter;
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
            DumpStats.print(out, d, top);
            out.println();
        }
        out.flush();
        return JlockdepCommand.OK;
    }
}
