package dev.jlockdep.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The dumps a command reads (report, check, stats). */
final class DumpFiles {
    @Parameters(arity = "1..*", paramLabel = "DUMP", description = "dumps written with the agent option dump=FILE")
    List<Path> files;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The dumps, with a progress bar on a terminal while that takes long. */
    Dumps load() {
        Progress progress = Progress.onTerminal(command.commandLine().getErr());
        try {
            return Dumps.load(files, progress);
        } finally {
            progress.finish();
        }
    }
}
