package dev.jlockdep.cli;

import dev.jlockdep.core.AgentPackages;
import dev.jlockdep.report.LoadedDump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Where a report points in the user's code: its first application frame (the JDK's, a test framework's
 * or jlockdep's cannot be fixed by the user), as a source file path relative to the base of the paths: the root of the git work tree
 * the current directory is in (what code scanning and workflow annotations resolve paths against), else
 * the current directory. Paths are package-relative ({@code dev/acme/Bank.java}) unless a source root
 * holds the file ({@code bank/src/main/java/dev/acme/Bank.java}): the ones given ({@code --source-root},
 * relative to the current directory), else every {@code src/main/java} and {@code src/test/java} below
 * the base, so that every module of a multi-module build resolves.
 */
final class SourcePlaces {
    /** Directories a source root is never looked for in. */
    private static final Set<String> SKIPPED = Set.of("target", "build", ".git", "node_modules", ".gradle");

    private final Path base;
    private final List<Path> given;
    private List<Path> roots;
    private Map<String, List<Path>> byFileName;

    /** @param given the source roots, relative to the current directory; empty to look for them */
    SourcePlaces(List<Path> given) {
        this(given, Path.of("").toAbsolutePath());
    }

    /** As from the directory {@code current} (absolute). */
    SourcePlaces(List<Path> given, Path current) {
        this.base = gitRootAbove(current).orElse(current);
        this.given = given.stream().map(current::resolve).map(Path::normalize).toList();
    }

    /** The directory the paths are relative to (SARIF's SRCROOT). */
    Path base() {
        return base;
    }

    /** The nearest directory at or above {@code dir} with a {@code .git} (a directory, or a worktree's file). */
    static Optional<Path> gitRootAbove(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /** Packages of the JDK, and of the frameworks that run a test suite (JUnit, Maven and its Surefire, jlockdep's extension). */
    private static final List<String> NOT_APPLICATION = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.",
            "org.junit.", "junit.", "org.apache.maven.", "dev.jlockdep.junit.");

    /** Whether a location is in application code: outside the JDK, the test frameworks and jlockdep. */
    static boolean isApplication(LoadedDump.DumpLocation l) {
        return isApplication(l.className(), l.file());
    }

    /** Whether a frame of class {@code c} in source file {@code file} (null if unknown) is application code. */
    static boolean isApplication(String c, String file) {
        return file != null && NOT_APPLICATION.stream().noneMatch(c::startsWith) && !AgentPackages.isAgentClass(c);
    }

    /** dev.acme.Outer$Inner in Outer.java: dev/acme/Outer.java. */
    static String packagePath(String c, String file) {
        int dot = c.lastIndexOf('.');
        return (dot < 0 ? "" : c.substring(0, dot).replace('.', '/') + "/") + file;
    }

    /** A problem's first application location, if it has one. */
    static Optional<LoadedDump.DumpLocation> first(Dumps.Problem p) {
        return p.locations().stream().filter(SourcePlaces::isApplication).findFirst();
    }

    /** The file of a location relative to the base, where a source root holds it; else package-relative. */
    String file(LoadedDump.DumpLocation l) {
        return found(l.className(), l.file()).orElseGet(() -> packagePath(l.className(), l.file()));
    }

    /** The source file of class {@code c} named {@code file}, relative to the base, if a source root holds it. */
    Optional<String> found(String c, String file) {
        String path = packagePath(c, file);
        for (Path root : roots()) {
            Path f = root.resolve(path);
            if (Files.isRegularFile(f)) {
                return Optional.of(relative(f));
            }
        }
        return Optional.empty();
    }

    /** A file as SARIF and annotations name it: relative to the base where it lies below it. */
    private String relative(Path file) {
        return (file.startsWith(base) ? base.relativize(file) : file).toString().replace('\\', '/');
    }

    /**
     * The one source file named {@code fileName} ({@code BankTest.java}) under the source roots, relative
     * to the base; empty if there is none, or more than one.
     */
    Optional<String> onlyFileNamed(String fileName) {
        List<Path> named = byFileName().getOrDefault(fileName, List.of());
        return named.size() == 1 ? Optional.of(relative(named.get(0))) : Optional.empty();
    }

    /** Every source file under the roots, by its name, listed once. */
    private Map<String, List<Path>> byFileName() {
        if (byFileName == null) {
            byFileName = new HashMap<>();
            for (Path root : roots()) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).forEach(f -> byFileName.computeIfAbsent(
                            f.getFileName().toString(), n -> new ArrayList<>()).add(f));
                } catch (IOException | UncheckedIOException e) {
                    // an unreadable root holds nothing to point at
                }
            }
        }
        return byFileName;
    }

    /** The roots given, else every src/main/java and src/test/java under the base, found once. */
    private List<Path> roots() {
        if (roots == null) {
            roots = given.isEmpty() ? found(base) : given;
        }
        return roots;
    }

    /** The source roots below {@code top}, not looking into build outputs and the like. */
    private static List<Path> found(Path top) {
        List<Path> found = new ArrayList<>();
        try {
            Files.walkFileTree(top, Set.of(), 8, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (dir.getFileName() != null && SKIPPED.contains(dir.getFileName().toString())) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    if (dir.endsWith(Path.of("src", "main", "java")) || dir.endsWith(Path.of("src", "test", "java"))) {
                        found.add(dir);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        found.sort(null);
        return found;
    }
}
