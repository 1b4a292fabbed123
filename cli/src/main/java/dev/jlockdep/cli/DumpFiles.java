package dev.jlockdep.cli;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The dumps a command reads (report, check, stats). */
final class DumpFiles {
    @Parameters(arity = "1..*", paramLabel = "DUMP", description = "dumps written with the agent option dump=FILE")
    List<Path> files;

    Dumps load() {
        return Dumps.load(files);
    }
}
