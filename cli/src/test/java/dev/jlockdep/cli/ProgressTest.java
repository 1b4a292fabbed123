package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The bar: silent for half a second, then redrawn at most ten times a second, wiped at the end. */
class ProgressTest {
    private long now;
    private final StringWriter drawn = new StringWriter();
    private final Progress progress = new Progress(new PrintWriter(drawn), () -> now);

    @Test
    void quickWorkDrawsNothing() {
        progress.step("reading 1 dump", 1000);
        now = 400_000_000L;
        progress.at(999);
        progress.finish();
        assertEquals("", drawn.toString());
    }

    @Test
    void longWorkDrawsABarAndWipesIt() {
        progress.step("reading 2 dumps", 1000);
        now = 600_000_000L;
        progress.at(400);
        now += 50_000_000L;
        progress.at(500); // too soon to redraw
        now += 100_000_000L;
        progress.step("merging dependencies", 10);
        progress.at(10);
        progress.finish();
        assertEquals("\rjlockdep: reading 2 dumps [############                  ]  40%"
                + "\rjlockdep: merging dependencies [##############################] 100%"
                + "\r\u001B[2K", drawn.toString());
    }
}
