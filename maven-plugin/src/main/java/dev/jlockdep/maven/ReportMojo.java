package dev.jlockdep.maven;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The reports of the dumps under {@code target/jlockdep/}: {@code report.html} (one page), {@code
 * jlockdep.sarif} (for code scanning) and {@code report.json}, written by the CLI's {@code report}; the
 * page and the SARIF find the code in the source roots Maven compiles, and say of each problem whether
 * the baseline knows it, where there is one.
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends DumpsMojo {
    /** The known problems ({@code --baseline}), as check's; used if the file exists. */
    @Parameter(property = "jlockdep.baseline", defaultValue = "${project.basedir}/jlockdep-baseline.txt")
    File baseline;

    /** Links from the page's application frames to the code ({@code --source-url}: {@code {path}}, {@code {line}}). */
    @Parameter(property = "jlockdep.sourceUrl")
    String sourceUrl;

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
            List<String> args = new ArrayList<>(List.of("report", "--format", f[0], "--force", "-o", out.toString()));
            if (!f[0].equals("json")) { // where the code is, and what the baseline knows: for the page and SARIF
                args.addAll(sourceRootOptions());
                if (baseline.isFile()) {
                    args.addAll(List.of("--baseline", baseline.getPath()));
                }
            }
            if (sourceUrl != null && f[0].equals("html")) {
                args.addAll(List.of("--source-url", sourceUrl));
            }
            int status = cli(withDumps(args, dumps));
            if (status != 0) {
                throw new MojoExecutionException("jlockdep: report --format " + f[0] + " failed (status " + status + ")");
            }
        }
    }
}
