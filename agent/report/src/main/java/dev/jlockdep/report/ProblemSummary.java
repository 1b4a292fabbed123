package dev.jlockdep.report;

import dev.jlockdep.core.model.ChainLink;
import dev.jlockdep.core.model.CircularReport;
import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.core.model.ReportKind;
import java.util.ArrayList;
import java.util.List;

/** The one line that names a problem: its kind and its chain of class names round to the first again, or its subject. */
public final class ProblemSummary {
    private ProblemSummary() {
    }

    /** {@code circular B -> A -> B}; {@code recursive NAME} when there is no chain. */
    public static String of(ReportKind kind, List<String> chainNames, String subjectName) {
        if (chainNames.isEmpty()) {
            return kind.dumpName() + " " + subjectName;
        }
        List<String> round = new ArrayList<>(chainNames);
        round.add(chainNames.get(0));
        return kind.dumpName() + " " + String.join(" -> ", round);
    }

    /** Of a report as the agent holds it: the chain carries its names, the subject is the problem key's. */
    public static String of(Report r) {
        List<String> chain = r instanceof CircularReport c ? c.chain().stream().map(ChainLink::bareName).toList()
                : List.of();
        return of(r.kind(), chain, ProblemKey.subject(r.problemKey()));
    }
}
