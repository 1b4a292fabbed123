package dev.jlockdep.maven;

import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code report} over the dumps of every module of the build at once (their graphs merged), written to
 * the top project's {@code target/jlockdep/}: e.g. {@code mvn verify jlockdep:report-aggregate}.
 */
@Mojo(name = "report-aggregate", aggregator = true, threadSafe = true)
public class ReportAggregateMojo extends ReportMojo {
    @Override
    boolean aggregate() {
        return true;
    }
}
