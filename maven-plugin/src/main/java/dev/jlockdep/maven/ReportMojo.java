package dev.jlockdep.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * The reports of the dumps under {@code target/jlockdep/}: {@code report.html} (one page), {@code
 * jlockdep.sarif} (for code scanning) and {@code report.json}, written by the CLI's {@code report}.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends DumpsMojo {
    @Override
    public void execute() throws MojoExecutionException {
        List<Path> dumps = dumpsOrSkip("report");
        if (dumps == null) {
            return;
        }
        try {
            Files.createDirectories(destDir.toPath());
        } catch (IOException e) {
            throw new MojoExecutionException("jlockdep: cannot make " + destDir + ": " + e.getMessage(), e);
        }
        for (String[] f : new String[][] {{"html", "report.html"}, {"sarif", "jlockdep.sarif"}, {"json", "report.json"}}) {
            Path out = destDir.toPath().resolve(f[1]);
            int status = cli(withDumps(List.of("report", "--format", f[0], "--force", "-o", out.toString()), dumps));
            if (status != 0) {
                throw new MojoExecutionException("jlockdep: report --format " + f[0] + " failed (status " + status + ")");
            }
        }
    }
}
