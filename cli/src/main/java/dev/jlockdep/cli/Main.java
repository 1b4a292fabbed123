package dev.jlockdep.cli;

import java.io.PrintWriter;

/** Runs the {@code jlockdep} command and exits with its status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /**
     * Runs the {@code jlockdep} command with {@code args} in this JVM, as the Maven plugin does: what it
     * says goes to {@code out} and {@code err}; returns its exit status (0, 1 for new problems, 2 for bad
     * input, 3 for an internal error).
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return JlockdepCommand.commandLine(out, err).execute(args);
    }
}
