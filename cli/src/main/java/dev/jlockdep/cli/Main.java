package dev.jlockdep.cli;

import java.io.PrintWriter;

/** Runs the {@code jlockdep} command and exits with its status. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(JlockdepCommand.commandLine(out, err).execute(args));
    }
}
