package dev.jlockdep.maven;

import dev.jlockdep.cli.Main;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * A goal over the dumps the test JVMs wrote under {@code target/jlockdep/} (the unit tests' and, in
 * {@code it/}, the integration tests'): it runs the CLI's own command on them, with the CLI's option
 * names, and logs what the command says.
 */
abstract class DumpsMojo extends AbstractMojo {
    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(property = "jlockdep.skip", defaultValue = "false")
    boolean skip;

    /** Where the dumps are. */
    @Parameter(property = "jlockdep.destDir", defaultValue = "${project.build.directory}/jlockdep")
    File destDir;

    @Parameter(property = "skipTests", defaultValue = "false")
    boolean skipTests;

    @Parameter(property = "maven.test.skip", defaultValue = "false")
    boolean testSkip;

    @Parameter(defaultValue = "${reactorProjects}", readonly = true, required = true)
    List<MavenProject> reactorProjects;

    /** Whether the goal reads every module's dumps (an aggregate goal), not only its own project's. */
    boolean aggregate() {
        return false;
    }

    /** The dumps of this module (of every module, for an aggregate goal), or none. */
    List<Path> dumps() throws MojoExecutionException {
        if (!aggregate()) {
            return dumpsIn(destDir.toPath());
        }
        List<Path> all = new ArrayList<>();
        for (MavenProject module : reactorProjects) {
            all.addAll(dumpsIn(Path.of(module.getBuild().getDirectory(), "jlockdep")));
        }
        return all;
    }

    /** The source roots Maven compiles (main and test) of this module (of every module, for an aggregate goal), as options. */
    List<String> sourceRootOptions() {
        List<String> options = new ArrayList<>();
        for (MavenProject m : aggregate() ? reactorProjects : List.of(project)) {
            Stream.concat(m.getCompileSourceRoots().stream(), m.getTestCompileSourceRoots().stream())
                    .filter(root -> new File(root).isDirectory())
                    .forEach(root -> options.addAll(List.of("--source-root", root)));
        }
        return options;
    }

    /** The dumps in {@code dir} and its {@code it/}. */
    static List<Path> dumpsIn(Path dir) throws MojoExecutionException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            return files.filter(p -> p.getFileName().toString().matches("jlockdep-.*\\.json")).sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("jlockdep: cannot read " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Whether tests were compiled for this module (for any module, for an aggregate goal), so that they ran. */
    boolean hasTests() {
        return (aggregate() ? reactorProjects : List.of(project)).stream()
                .anyMatch(m -> new File(m.getBuild().getTestOutputDirectory()).isDirectory());
    }

    /**
     * The dumps to work on; null, said in one line, when there are none because the tests did not run
     * (skipped, or a module without tests). A module whose tests ran without writing any is a build that
     * lost its agent: an error.
     */
    List<Path> dumpsOrSkip(String goal) throws MojoExecutionException {
        if (skip) {
            getLog().info("jlockdep: " + goal + " skipped (jlockdep.skip)");
            return null;
        }
        List<Path> dumps = dumps();
        if (!dumps.isEmpty()) {
            return dumps;
        }
        if (skipTests || testSkip || !hasTests()) {
            getLog().info("jlockdep: " + goal + " skipped: no tests ran under the agent in this module");
            return null;
        }
        throw new MojoExecutionException("jlockdep: no dumps in " + destDir + ": did the tests run with the agent?"
                + " (prepare-agent sets argLine; a Surefire argLine of your own must include @{argLine})");
    }

    /** Runs the CLI's {@code args}: logs its output, returns its exit status. */
    int cli(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(new String[0]));
        out.toString().lines().forEach(l -> {
            if (l.startsWith("stale: ")) {
                getLog().warn(l + " (a baseline entry the dumps no longer hold)");
            } else {
                getLog().info(l);
            }
        });
        err.toString().lines().forEach(l -> getLog().error(l));
        return status;
    }

    static List<String> withDumps(List<String> args, List<Path> dumps) {
        List<String> all = new ArrayList<>(args);
        dumps.forEach(d -> all.add(d.toString()));
        return all;
    }
}
