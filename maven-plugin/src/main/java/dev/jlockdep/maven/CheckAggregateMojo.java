package dev.jlockdep.maven;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code check} over the dumps of every module of the build at once, as JaCoCo's report-aggregate reads
 * every module's data: a cycle whose two halves ran in two modules' tests (each module's own check sees
 * one order only) is found, as the CLI merges the dumps' graphs. Run once the modules' tests ran, e.g.
 * {@code mvn verify jlockdep:check-aggregate}; the baseline is the top project's.
 */
@Mojo(name = "check-aggregate", aggregator = true, threadSafe = true)
public class CheckAggregateMojo extends CheckMojo {
    @Override
    boolean aggregate() {
        return true;
    }
}
