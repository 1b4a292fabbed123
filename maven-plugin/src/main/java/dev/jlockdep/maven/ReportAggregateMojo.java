package dev.jlockdep.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * {@code report} over the dumps of every module of the build at once (their graphs merged), written to
 * the top project's {@code target/jlockdep/}: e.g. {@code mvn verify jlockdep:report-aggregate}.
 */
@Mojo(name = "report-aggregate", aggregator = true, threadSafe = true)
public class ReportAggregateMojo extends ReportMojo {
    @Parameter(defaultValue = "${reactorProjects}", readonly = true, required = true)
    List<MavenProject> reactorProjects;

    @Override
    List<Path> dumps() throws MojoExecutionException {
        return dumpsOf(reactorProjects);
    }

    @Override
    boolean hasTests() {
        return anyHasTests(reactorProjects);
    }
}
