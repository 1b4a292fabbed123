package dev.jlockdep.core.model;

import java.util.List;

/**
 * "possible circular locking dependency detected": taking {@code trying} while holding {@code holding}
 * closes a cycle with the dependencies in {@code chain}; or, when {@code signalling}, signalling the event
 * {@code holding} after taking {@code trying} does (the event depends on that lock).
 *
 * @param chain         the chain from {@code #N} (the held lock's class) down to {@code #0} (the new lock)
 * @param parentName    the class just before the held one on the path, for "Chain exists of:" and the
 *                      CPU1 column; equal to the new lock's name when the path is a single dependency
 * @param confirmed     whether the cycle also closed on the same lock instances
 * @param instancePath  the instances that close it when confirmed, from the new lock round to it again
 */
public record CircularReport(String ident, String thread, LockRef trying, LockRef holding, List<ChainLink> chain,
                             String parentName, boolean confirmed, List<String> instancePath, List<LockRef> held,
                             List<Frame> backtrace, String problemKey, boolean signalling) implements Report {
    @Override
    public ReportKind kind() {
        return ReportKind.CIRCULAR;
    }

    /** True when the path has an intermediate lock, so lockdep prints "Chain exists of:". */
    public boolean hasIntermediate() {
        return chain.size() > 2;
    }
}
