package dev.jlockdep.instrument;

import dev.jlockdep.core.Validator;
import dev.jlockdep.report.JsonDump;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Writes the dump file: every {@code dumpEvery} seconds while the JVM runs, if asked, and at exit. Each
 * write replaces the file atomically; once the exit's is written, a periodic one still under way is
 * dropped, so the file always ends with the last state. A failure is said once until a write succeeds.
 */
final class DumpWriter {
    private final Validator validator;
    private final Path file;
    private final PrintStream err;
    private boolean closed;
    private boolean failing;

    DumpWriter(Validator validator, Path file, PrintStream err) {
        this.validator = validator;
        this.file = file;
        this.err = err;
    }

    synchronized void write(boolean last) {
        if (closed) {
            return;
        }
        closed = last;
        try {
            JsonDump.write(validator.snapshot(), file);
            failing = false;
        } catch (Throwable e) {
            if (!failing || last) {
                err.println("jlockdep: could not write the dump " + file + ": " + e);
            }
            failing = true;
        }
    }

    /** Writes the dump every {@code seconds} until the thread is interrupted or the JVM exits. */
    void every(int seconds) throws InterruptedException {
        while (true) {
            Thread.sleep(seconds * 1000L);
            write(false);
        }
    }
}
