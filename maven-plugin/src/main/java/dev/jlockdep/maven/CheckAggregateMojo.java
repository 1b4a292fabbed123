package dev.jlockdep.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code check} over the dumps of every module of the build at once, as JaCoCo's report-aggregate reads
 * every module's data: a cycle whose two halves ran in two modules' tests (each module's own check sees
 * one order only) is found, as the CLI merges the dumps' graphs. Run once the modules' tests ran, e.g.
 * {@code mvn verify jlockdep:check-aggregate}; the baseline is the top project's.
 */
@Mojo(name = "check-aggregate", aggregator = true, threadSafe = true)
public class CheckAggregateMojo extends CheckMojo {
    @Parameter(defaultValue = "${reactorProjects}", readonly = true, required = true)
    List<MavenProject> reactorProjects;

    /** Each module's dumps, from the folder {@code prepare-agent} gives them by default. */
    @Override
    List<Path> dumps() throws MojoExecutionException {
        List<Path> all = new ArrayList<>();
        File top = destDir;
        try {
            for (MavenProject module : reactorProjects) {
                destDir = new File(module.getBuild().getDirectory(), "jlockdep");
                all.addAll(super.dumps());
            }
        } finally {
            destDir = top;
        }
        return all;
    }

    @Override
    boolean hasTests() {
        return reactorProjects.stream().anyMatch(m -> new File(m.getBuild().getTestOutputDirectory()).isDirectory());
    }
}
