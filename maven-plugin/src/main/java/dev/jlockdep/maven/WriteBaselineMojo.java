package dev.jlockdep.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/** Writes every problem of the dumps as known: the baseline {@code check} reads ({@code --write-baseline}). */
@Mojo(name = "write-baseline", threadSafe = true)
public class WriteBaselineMojo extends DumpsMojo {
    @Parameter(property = "jlockdep.baseline", defaultValue = "${project.basedir}/jlockdep-baseline.txt")
    File baseline;

    @Override
    public void execute() throws MojoExecutionException {
        List<Path> dumps = dumpsOrSkip("write-baseline");
        if (dumps == null) {
            return;
        }
        int status = cli(withDumps(List.of("check", "--all", "--write-baseline", baseline.getPath()), dumps));
        if (status != 0) {
            throw new MojoExecutionException("jlockdep: write-baseline failed (status " + status + ", see above)");
        }
    }
}
