package dev.jlockdep.cli;

import dev.jlockdep.core.Suppressions;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The dumps a command reads (report, check, stats), and the suppressions that apply to them. */
final class DumpFiles {
    @Parameters(arity = "1..*", paramLabel = "DUMP", description = "dumps written with the agent option dump=FILE: files,"
            + " directories (their *.json files) or globs ('target/jlockdep-*.json', for shells that do not expand them)")
    List<String> files;

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
            return Dumps.load(expanded(files), progress, rules);
        } finally {
            progress.finish();
        }
    }

    /** Each argument a file, a directory's *.json files, or a glob's matches, each list sorted. */
    static List<Path> expanded(List<String> args) {
        List<Path> out = new ArrayList<>();
        for (String arg : args) {
            int glob = firstGlobChar(arg);
            if (glob >= 0 && !Files.exists(asPath(arg))) {
                out.addAll(matches(arg, glob));
                continue;
            }
            Path path = asPath(arg);
            if (Files.isDirectory(path)) {
                List<Path> dumps = list(path, 1, f -> f.getFileName().toString().endsWith(".json"));
                if (dumps.isEmpty()) {
                    throw new BadInput(arg + ": a directory with no dumps (*.json) in it");
                }
                out.addAll(dumps);
            } else {
                out.add(path);
            }
        }
        return out;
    }

    private static int firstGlobChar(String arg) {
        for (int i = 0; i < arg.length(); i++) {
            if ("*?[{".indexOf(arg.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    /** The files a glob matches: searched from the directory before its first glob character. */
    private static List<Path> matches(String glob, int firstGlobChar) {
        String normal = glob.replace('\\', '/');
        int cut = normal.lastIndexOf('/', firstGlobChar);
        Path base = cut < 0 ? Path.of("") : asPath(normal.substring(0, cut + 1));
        String rest = normal.substring(cut + 1);
        int depth = rest.contains("**") ? Integer.MAX_VALUE : rest.split("/").length;
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + rest);
        Path from = base.toString().isEmpty() ? Path.of(".") : base;
        List<Path> found = Files.isDirectory(from)
                ? list(from, depth, f -> matcher.matches(from.relativize(f))) : List.of();
        if (found.isEmpty()) {
            throw new BadInput(glob + ": no file matches");
        }
        return base.toString().isEmpty() ? found.stream().map(f -> from.relativize(f)).toList() : found;
    }

    private static List<Path> list(Path dir, int depth, Predicate<Path> keep) {
        try (Stream<Path> s = Files.walk(dir, depth)) {
            return s.filter(Files::isRegularFile).filter(keep).sorted().toList();
        } catch (IOException e) {
            throw new BadInput(dir + ": cannot be read: " + e.getMessage());
        }
    }

    private static Path asPath(String arg) {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            throw new BadInput(arg + ": not a file name");
        }
    }

    private static Suppressions readSuppressions(Path file) {
        String text = InputFiles.text(file, "suppressions");
        try {
            return Suppressions.parse(text, file.toString());
        } catch (IllegalArgumentException e) {
            throw new BadInput(e.getMessage());
        }
    }
}
