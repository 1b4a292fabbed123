package dev.jlockdep.core.model;

import java.util.List;
import java.util.Map;

/**
 * Everything a run learned, as plain data: the lock classes, the dependencies between them with the
 * first stack and thread of each, the reports with the triage of their problems (and the suppression rule of
 * each one a rule matched, by problem key), and counts ({@code chainsEvicted}: validated chains
 * the chain cache dropped to stay bounded; {@code heldBack}: dependencies held back by first holdings of lock
 * objects that never ended and that no other thread joined (never in the graph); {@code classesInstrumented}: the classes the agent rewrote; {@code validating}: whether validation was still on). The JSON dump is this, written out.
 */
public record GraphSnapshot(String jvm, String agentVersion, List<ClassInfo> classes, List<DependencyInfo> dependencies,
                            List<Report> reports, Map<String, Triage> triage, Map<String, String> suppressed,
                            Map<String, String> seenInTest,
                            long chains, long chainsEvicted, long heldBack, long instances, int maxDepth,
                            long classesInstrumented, boolean validating) {

    /** The triage of a report's problem at the end of the run; credible when there is none. */
    public Triage triageOf(Report r) {
        return triage.getOrDefault(r.problemKey(), Triage.CREDIBLE);
    }

    /** A lock class: {@code id} is local to one dump, {@code key} is stable across runs. */
    public record ClassInfo(int id, String key, String name, int subclass, int nameVersion, String bareName,
                            String usage, int waitType) {
    }

    /** A dependency {@code from -> to} between class ids, with lockdep's kind bits (SR=1 ER=2 SN=4 EN=8). */
    public record DependencyInfo(int from, int to, int kinds, List<Frame> firstStack, String firstThread,
                                 long[] instancePairs) {
    }
}
