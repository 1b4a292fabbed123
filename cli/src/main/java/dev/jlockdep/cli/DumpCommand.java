package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jlockdep dump PID}: the dump of a JVM that runs the agent, now, while it keeps running. */
@Command(name = "dump", mixinStandardHelpOptions = true,
        exitCodeListHeading = JlockdepCommand.EXIT_CODES, exitCodeList = {JlockdepCommand.EXIT_OK + ": the dump is written",
            JlockdepCommand.EXIT_BAD_INPUT + "; or the process cannot be attached to or does not run the agent",
            JlockdepCommand.EXIT_INTERNAL},
        description = "Writes the dump of a running JVM that runs the agent (loaded at its start or attached), "
                + "as the agent would at exit; the JVM goes on and prints nothing.")
final class DumpCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "the process id of the JVM")
    long pid;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "where to write it; default jlockdep-PID.json here")
    Path output;

    @Option(names = "--force", description = "overwrite FILE even if it is not jlockdep's")
    boolean force;

    @Override
    public Integer call() {
        LiveJvm.LiveDump dump = LiveJvm.attach(pid).dump();
        Path file = (output != null ? output : Path.of("jlockdep-" + pid + ".json")).toAbsolutePath();
        Output.write(dump.json(), file, force, spec.commandLine().getOut());
        LoadedDump d = dump.loaded();
        spec.commandLine().getOut().println("jlockdep: dump of process " + pid + " written to " + file + " ("
                + d.classes().size() + " lock classes, " + d.dependencies().size() + " dependencies, "
                + d.reports().size() + (d.reports().size() == 1 ? " report)" : " reports)"));
        return JlockdepCommand.OK;
    }
}
