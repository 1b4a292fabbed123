package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    TopOption top;

    @Override
    public Integer call() {
        int most = top.value();
        PrintWriter out = spec.commandLine().getOut();
        Dumps dumps = dumpFiles.load();
        for (LoadedDump d : dumps.dumps) {
            out.println(d.file() + " (" + d.jvm() + "):");
            DumpStats.print(out, d, most);
            out.println();
        }
        out.flush();
        return JlockdepCommand.OK;
    }
}
