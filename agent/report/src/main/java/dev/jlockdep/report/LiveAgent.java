package dev.jlockdep.report;

/**
 * How the CLI finds and asks an agent in a running JVM. The agent sets two system properties, which the
 * CLI reads through the Attach API; the dump travels over a Unix-domain socket that the agent listens
 * on, so no agent is loaded again (JDK 21 and later warn on the JVM's stderr each time one is).
 */
public final class LiveAgent {
    /** The agent's version, set once it runs: a second attach sees it and leaves the JVM alone. */
    public static final String VERSION_PROPERTY = "jlockdep.agent.version";
    /**
     * The path of the agent's socket, set before {@link #VERSION_PROPERTY}; or {@link #NO_SOCKET} and
     * why, when it could not open one.
     */
    public static final String SOCKET_PROPERTY = "jlockdep.control";
    public static final String NO_SOCKET = "none: ";
    /** The file the agent's reports go to ({@code log=}, its {@code %p} and {@code %t} expanded); unset for stderr. */
    public static final String LOG_PROPERTY = "jlockdep.log";
    /** The one request: its answer is the dump's JSON, or one line starting with {@link #ERROR}. */
    public static final String DUMP_REQUEST = "dump";
    public static final String ERROR = "error: ";

    private LiveAgent() {
    }
}
