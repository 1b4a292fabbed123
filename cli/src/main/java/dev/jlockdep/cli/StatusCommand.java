package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jlockdep status PID}: what the agent in a running JVM knows so far, as {@code stats} shows a dump. */
@Command(name = "status", mixinStandardHelpOptions = true,
        exitCodeListHeading = JlockdepCommand.EXIT_CODES, exitCodeList = {JlockdepCommand.EXIT_OK,
            JlockdepCommand.EXIT_BAD_INPUT + "; or the process cannot be attached to or does not run the agent",
            JlockdepCommand.EXIT_INTERNAL},
        description = "Counts of a running JVM's agent (lock classes, dependencies, reports by kind) and whether it "
                + "still validates; the JVM goes on and prints nothing.")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "the process id of the JVM")
    long pid;

    @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "how many lock classes to list; default ${DEFAULT-VALUE}")
    int top;

    @Override
    public Integer call() {
        if (top < 0) {
            throw new BadInput("--top must not be negative");
        }
        LiveJvm jvm = LiveJvm.attach(pid);
        LoadedDump d = DumpCommand.parse(jvm.dump());
        PrintWriter out = spec.commandLine().getOut();
        out.println("process " + pid + " (" + d.jvm() + "): validation " + (Boolean.FALSE.equals(d.validating())
                ? "off (a limit was reached or an internal error turned it off: the log says which)" : "on"));
        DumpStats.print(out, d, top);
        out.flush();
        return JlockdepCommand.OK;
    }
}
