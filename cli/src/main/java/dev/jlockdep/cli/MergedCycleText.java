package dev.jlockdep.cli;

import dev.jlockdep.core.MergedGraph;
import java.nio.file.Path;

/**
 * The text of a cycle that only the merged dumps show: no thread ever held these locks in this
 * circle, so there is no held-lock list or backtrace, only the dependencies and where each was seen.
 */
final class MergedCycleText {
    private static final String TITLE = "WARNING: possible circular locking dependency across dumps";

    private MergedCycleText() {
    }

    static String render(MergedGraph.Cycle<Path> cycle) {
        StringBuilder out = new StringBuilder("\n");
        out.append("=".repeat(TITLE.length())).append('\n').append(TITLE).append('\n');
        out.append("jlockdep: no single JVM saw this cycle; the dependencies of several dumps close it\n");
        out.append("-".repeat(TITLE.length())).append('\n');
        out.append("the dependencies, each with the dump that first saw it:\n\n");
        for (MergedGraph.Edge<Path> e : cycle.edges()) {
            out.append("  ").append(e.fromName()).append(" --> ").append(e.toName()).append("    (")
                    .append(e.firstSeenIn()).append(")\n");
        }
        out.append("\n *** DEADLOCK ***\n");
        return out.toString();
    }
}
