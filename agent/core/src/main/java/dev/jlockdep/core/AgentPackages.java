package dev.jlockdep.core;

/**
 * The packages that make up the agent (and its public api, and its bridge class in {@code java.lang}). Their classes are
 * never instrumented, and their frames never appear in a report: a report shows the application's
 * code, as the kernel's shows the kernel's.
 */
public final class AgentPackages {
    private static final String[] PREFIXES = {
        "dev.jlockdep.core.", "dev.jlockdep.report.", "dev.jlockdep.instrument.", "dev.jlockdep.shaded.",
        "dev.jlockdep.cli.", "dev.jlockdep.api.", "java.lang.$JLockdep",
    };

    private AgentPackages() {
    }

    /** True for a binary class name (dots) that belongs to the agent itself. */
    public static boolean isAgentClass(String className) {
        for (String p : PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
