package dev.jlockdep.cli;

import dev.jlockdep.core.Suppressions;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The dumps a command reads (report, check, stats), and the suppressions that apply to them. */
final class DumpFiles {
    @Parameters(arity = "1..*", paramLabel = "DUMP", description = "dumps written with the agent option dump=FILE")
    List<Path> files;

    @Option(names = "--suppressions", paramLabel = "FILE", description = "rules (KIND:class|frame|thread:GLOB per line)"
            + " for problems not to gate on, beside those the agent applied")
    Path suppressions;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The dumps, with a progress bar on a terminal while that takes long. */
    Dumps load() {
        Suppressions rules = suppressions == null ? Suppressions.NONE : readSuppressions(suppressions);
        Progress progress = Progress.onTerminal(command.commandLine().getErr());
        try {
            return Dumps.load(files, progress, rules);
        } finally {
            progress.finish();
        }
    }

    private static Suppressions readSuppressions(Path file) {
        try {
            return Suppressions.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such suppressions file");
        } catch (MalformedInputException e) {
            throw new BadInput(file + ": not a text file");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot be read: " + e.getMessage());
        }
    }
}
