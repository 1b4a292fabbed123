package dev.jlockdep.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An expected report text kept in a golden file, {@code src/test/resources/expected/NAME.txt}, compared
 * after {@link AgentRun}'s normalisation (thread ids, the JDK's line numbers, the identity line, instance
 * ids by first appearance). On a mismatch the actual text is kept in {@code target/actual/JDK/NAME.txt};
 * with {@code -Djlockdep.golden.update=true} a golden file that differs is rewritten instead (then read
 * the diff: only changed reports change, not files whose instance ids merely run another way).
 *
 * @param name the file's name under {@code expected/}, without {@code .txt}; null for a run that must report nothing
 */
public record Golden(String name) {
    /** No report at all. */
    public static final Golden NONE = new Golden(null);

    public static Golden of(String name) {
        return new Golden(name);
    }

    /** The expected text; empty for {@link #NONE}. */
    public String text() {
        if (name == null) {
            return "";
        }
        try (InputStream in = Golden.class.getClassLoader().getResourceAsStream("expected/" + name + ".txt")) {
            return in == null ? "(no golden file expected/" + name + ".txt)" : new String(in.readAllBytes(),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Compares what a run on {@code jdk} reported (normalised already, as {@link AgentRun.Result#reports()}). */
    public void assertMatches(Path jdk, String actual) {
        String want = AgentRun.canonicalInstances(text());
        String got = AgentRun.canonicalInstances(actual);
        if (name != null && Boolean.getBoolean("jlockdep.golden.update")) {
            if (!want.equals(got)) {
                write(Path.of(System.getProperty("jlockdep.golden.dir", "src/test/resources/expected")), actual);
            }
            return;
        }
        if (!want.equals(got)) {
            write(Path.of("target", "actual", jdk.getFileName().toString()), actual);
        }
        assertEquals(want, got, "reports on stderr" + (name == null ? "" : ", expected/" + name + ".txt"));
    }

    private void write(Path dir, String text) {
        try {
            Path file = dir.resolve((name == null ? "none" : name) + ".txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
