package dev.jlockdep.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Puts the agent on the test JVMs' command line: prepends {@code -javaagent:...} to the property that
 * Surefire reads ({@code argLine}, or the one named), so that {@code @{argLine}} composes with JaCoCo's
 * and Mockito's. Each forked JVM writes one dump under {@code target/jlockdep/}; the dumps of the
 * previous build there are deleted first, so that a stale one never reaches {@code check}.
 */
@Mojo(name = "prepare-agent", defaultPhase = LifecyclePhase.INITIALIZE, threadSafe = true)
public class PrepareAgentMojo extends AbstractMojo {
    static final String AGENT = "dev.jlockdep:jlockdep-agent";

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    @Parameter(defaultValue = "${plugin.artifactMap}", readonly = true, required = true)
    Map<String, Artifact> pluginArtifacts;

    /** Leaves the property as it was (empty if it was unset), so that {@code @{argLine}} still resolves. */
    @Parameter(property = "jlockdep.skip", defaultValue = "false")
    boolean skip;

    /** The property the agent's option goes into. */
    @Parameter(property = "jlockdep.propertyName", defaultValue = "argLine")
    String propertyName;

    /** Where the dumps go. */
    @Parameter(property = "jlockdep.destDir", defaultValue = "${project.build.directory}/jlockdep")
    File destDir;

    /** The agent's {@code include}: application classes to instrument, globs separated by ':'. */
    @Parameter(property = "jlockdep.include")
    String include;

    /** The agent's {@code exclude}. */
    @Parameter(property = "jlockdep.exclude")
    String exclude;

    /** The agent's {@code watchdog}, in seconds; off if absent. */
    @Parameter(property = "jlockdep.watchdog")
    Integer watchdog;

    /** The agent's {@code stackDepth}. */
    @Parameter(property = "jlockdep.stackDepth")
    Integer stackDepth;

    /** The agent's {@code suppressions} file. */
    @Parameter(property = "jlockdep.suppressions")
    File suppressions;

    /** The folder this goal's JVMs write their dumps in. */
    File dumpDir() {
        return destDir;
    }

    @Override
    public void execute() throws MojoExecutionException {
        String old = project.getProperties().getProperty(propertyName);
        if (skip) {
            project.getProperties().setProperty(propertyName, old == null ? "" : old);
            getLog().info("jlockdep: skipped (jlockdep.skip)");
            return;
        }
        Artifact agent = pluginArtifacts.get(AGENT);
        if (agent == null || agent.getFile() == null) {
            throw new MojoExecutionException("jlockdep: the plugin's agent artifact " + AGENT + " was not resolved");
        }
        Path dir = dumpDir().toPath();
        clearDumps(dir);
        Path jar = agent.getFile().toPath();
        String line = argLine(jar, dir);
        // Once in a JVM: the integration tests' agent replaces the unit tests' (as JaCoCo's goals do).
        String rest = old == null ? "" : old.replace(argLine(jar, destDir.toPath()), "")
                .replace(argLine(jar, new File(destDir, "it").toPath()), "").trim();
        project.getProperties().setProperty(propertyName, rest.isEmpty() ? line : line + " " + rest);
        getLog().info("jlockdep: " + propertyName + " set to " + project.getProperties().getProperty(propertyName));
    }

    /**
     * The agent's part of the command line: the agent with its options (quoted if a path has a space),
     * and the JUnit configuration that finds the extension without annotations and fails without the agent.
     */
    String argLine(Path agent, Path dir) {
        List<String> options = new ArrayList<>();
        options.add("dump=" + dir.resolve("jlockdep-%p.json").toAbsolutePath());
        if (include != null && !include.isBlank()) {
            options.add("include=" + include);
        }
        if (exclude != null && !exclude.isBlank()) {
            options.add("exclude=" + exclude);
        }
        if (watchdog != null) {
            options.add("watchdog=" + watchdog);
        }
        if (stackDepth != null) {
            options.add("stackDepth=" + stackDepth);
        }
        if (suppressions != null) {
            options.add("suppressions=" + suppressions.getAbsolutePath());
        }
        String javaagent = "-javaagent:" + agent.toAbsolutePath() + "=" + String.join(",", options);
        return quoted(javaagent) + " -Djunit.jupiter.extensions.autodetection.enabled=true -Djlockdep.required=true";
    }

    private static String quoted(String arg) {
        return arg.contains(" ") ? "\"" + arg + "\"" : arg;
    }

    /** Deletes the dumps a previous build left directly in {@code dir} (not in its sub-folders). */
    private void clearDumps(Path dir) throws MojoExecutionException {
        try {
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "jlockdep-*.json")) {
                for (Path p : old) {
                    Files.delete(p);
                    getLog().debug("jlockdep: deleted the stale dump " + p);
                }
            }
        } catch (IOException e) {
            throw new MojoExecutionException("jlockdep: cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }
}
