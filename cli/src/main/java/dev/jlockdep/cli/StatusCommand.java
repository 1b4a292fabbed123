package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    TopOption top;

    @Override
    public Integer call() {
        int most = top.value();
        LoadedDump d = LiveJvm.attach(pid).dump().loaded();
        PrintWriter out = spec.commandLine().getOut();
        out.println("process " + pid + " (" + d.jvm() + "): validation " + (Boolean.FALSE.equals(d.validating())
                ? "off (a limit was reached or an internal error turned it off: the log says which)" : "on"));
        DumpStats.print(out, d, most);
        out.flush();
        return JlockdepCommand.OK;
    }
}
