package dev.jlockdep.cli;

import dev.jlockdep.report.DumpReader;
import dev.jlockdep.report.LoadedDump;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
        String json = LiveJvm.attach(pid).dump();
        Path file = (output != null ? output : Path.of("jlockdep-" + pid + ".json")).toAbsolutePath();
        Output.write(json, file, force, spec.commandLine().getOut());
        LoadedDump d = read(file);
        spec.commandLine().getOut().println("jlockdep: dump of process " + pid + " written to " + file + " ("
                + d.classes().size() + " lock classes, " + d.dependencies().size() + " dependencies, "
                + d.reports().size() + (d.reports().size() == 1 ? " report)" : " reports)"));
        return JlockdepCommand.OK;
    }

    /** Read back as any dump is, so that what was written is known to be one. */
    static LoadedDump read(Path file) {
        try {
            return DumpReader.read(file);
        } catch (DumpReader.BadDumpException e) {
            throw new BadInput(e.getMessage());
        }
    }

    /** A dump that was only asked for its counts, read back through a private file deleted at once. */
    static LoadedDump parse(String json) {
        try {
            Path tmp = Files.createTempFile("jlockdep-status", ".json");
            try {
                Files.writeString(tmp, json, StandardCharsets.UTF_8);
                return read(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new BadInput("cannot keep the dump to read it: " + e.getMessage());
        }
    }
}
