package dev.jlockdep.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.function.LongSupplier;

/**
 * A progress bar on one terminal line, for work that takes longer than a moment (reading large dumps,
 * merging their graphs): nothing is drawn in the first half second, nor ever when the output is no
 * terminal, and the line is wiped when the work is done, so what follows prints as it would without.
 */
final class Progress {
    static final Progress NONE = new Progress(null, () -> 0);

    private static final long QUIET_NANOS = 500_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final LongSupplier clock;
    private final long started;
    private long lastDrawn = Long.MIN_VALUE / 2; // far enough back that the first draw is due
    private boolean drawn;
    private String label = "";
    private long total = 1;

    /** @param out where to draw, or null to draw nothing */
    Progress(PrintWriter out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
        this.started = clock.getAsLong();
    }

    /** A bar on {@code err} if it is a terminal, else none. */
    static Progress onTerminal(PrintWriter err) {
        return isTerminal() ? new Progress(err, System::nanoTime) : NONE;
    }

    /** Whether the JVM runs on a terminal (JDK 22 and later also say so of a redirected console). */
    static boolean isTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // before JDK 22, a console is a terminal
        }
    }

    /** Starts a step of {@code total} units (bytes, dependencies). */
    synchronized void step(String label, long total) {
        this.label = label;
        this.total = Math.max(1, total);
        lastDrawn = Long.MIN_VALUE / 2;
    }

    /** {@code done} units of the current step are done; any thread may say so. */
    synchronized void at(long done) {
        if (out == null) {
            return;
        }
        long now = clock.getAsLong();
        if (now - started < QUIET_NANOS || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        int percent = (int) Math.min(100, done * 100 / total);
        int filled = percent * WIDTH / 100;
        out.print("\rjlockdep: " + label + " [" + "#".repeat(filled) + " ".repeat(WIDTH - filled) + "] "
                + String.format("%3d%%", percent));
        out.flush();
        drawn = true;
    }

    /** Wipes the bar, if one was drawn. */
    synchronized void finish() {
        if (drawn) {
            out.print("\r\u001B[2K");
            out.flush();
            drawn = false;
        }
    }
}
