package dev.jlockdep.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The gate: fails the build on a possible deadlock (or a problem of a kind {@code failOn} names) that
 * the baseline does not know, as {@code jlockdep check} does, listing each new problem; baseline entries
 * that no longer occur are said too.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class CheckMojo extends DumpsMojo {
    /** The known problems ({@code --baseline}); used if the file exists. */
    @Parameter(property = "jlockdep.baseline", defaultValue = "${project.basedir}/jlockdep-baseline.txt")
    File baseline;

    /** Whether a new problem fails the build; else it is logged as an error and the build goes on. */
    @Parameter(property = "jlockdep.haltOnFailure", defaultValue = "true")
    boolean haltOnFailure;

    /** The kinds of problem that fail ({@code --fail-on}), comma-separated; the CLI's default if absent. */
    @Parameter(property = "jlockdep.failOn")
    String failOn;

    /** Fail also on problems that triage takes out of the gate ({@code --all}). */
    @Parameter(property = "jlockdep.all", defaultValue = "false")
    boolean all;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<Path> dumps = dumpsOrSkip("check");
        if (dumps == null) {
            return;
        }
        List<String> args = new ArrayList<>(List.of("check"));
        if (baseline.isFile()) {
            args.add("--baseline");
            args.add(baseline.getPath());
        }
        if (failOn != null && !failOn.isBlank()) {
            args.add("--fail-on");
            args.add(failOn);
        }
        if (all) {
            args.add("--all");
        }
        int status = cli(withDumps(args, dumps));
        if (status == 1) {
            String message = "jlockdep: new possible deadlocks in the tests (listed above; `mvn jlockdep:report` for"
                    + " the reports, `mvn jlockdep:write-baseline` to accept them)";
            if (haltOnFailure) {
                throw new MojoFailureException(message);
            }
            getLog().error(message);
        } else if (status != 0) {
            throw new MojoExecutionException("jlockdep: check failed (status " + status + ", see above)");
        }
    }
}
