package dev.jlockdep.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random damage to a valid dump and to a valid baseline, seeded so that a failure can be replayed:
 * every outcome is either a dump that reads (exit 0 or 1) or one line on stderr with exit 2, nothing on
 * stdout and no output file; never a stack trace.
 */
class BadInputFuzzTest {
    private static final long SEED = 20261202L;
    private static final int ROUNDS = 1_000;
    private static final String[] TOKENS = {"{", "}", "[", "]", "\"", ",", ":", "null", "true", "-1", "0",
        "2147483648", "9223372036854775808", "99999999999999999999999", "1e999", "-0.5", "NaN", "\"\\ud800\"",
        "\"\\u0000\"", "\u0000", "[[[[[[[[[[", "{\"a\":", "\\", "\uFEFF", "\u00e9"};
    private static final Pattern NUMBER = Pattern.compile("-?\\d+");
    private static final Pattern STRING = Pattern.compile("\"[^\"]*+\"");

    @TempDir
    Path dir;

    @Test
    void damagedDumpsAreReadOrRefusedInOneLine() throws IOException {
        Path good = CliTest.dump(dir, "good.json", v -> {
            CliTest.abba(v, "A", "B");
            CliTest.abba(v, "C", "D");
        });
        TreeMap<Integer, Integer> exits = fuzz(Files.readAllBytes(good), ".json", (file, what) -> {
            Path out = dir.resolve(file.getFileName() + ".txt");
            CliTest.Run report = CliTest.run("report", file.toString(), "-o", out.toString());
            assertClean(report, file, what);
            assertEquals(report.exit() == 0, Files.exists(out), "an output file only for a dump that reads: " + what);
            Files.deleteIfExists(out);
            CliTest.Run check = CliTest.run("check", file.toString());
            assertClean(check, file, what);
            assertEquals(report.exit() == 2, check.exit() == 2, "report and check agree on the input: " + what);
            return check.exit();
        });
        System.out.println("fuzzed dumps, exit statuses of check: " + exits);
        // The damage must reach both sides: dumps still read (a name changed) and dumps refused.
        assertTrue(exits.getOrDefault(2, 0) > ROUNDS / 2, exits.toString());
        assertTrue(exits.getOrDefault(0, 0) + exits.getOrDefault(1, 0) > 0, exits.toString());
    }

    @Test
    void damagedBaselinesAreReadOrRefusedInOneLine() throws IOException {
        Path good = CliTest.dump(dir, "good.json", v -> CliTest.abba(v, "A", "B"));
        Path written = dir.resolve("baseline.txt");
        assertEquals(0, CliTest.run("check", good.toString(), "--write-baseline", written.toString()).exit());
        TreeMap<Integer, Integer> exits = fuzz(Files.readAllBytes(written), ".txt", (file, what) -> {
            CliTest.Run check = CliTest.run("check", good.toString(), "--baseline", file.toString());
            assertClean(check, file, what);
            return check.exit();
        });
        System.out.println("fuzzed baselines, exit statuses of check: " + exits);
        assertTrue(exits.getOrDefault(2, 0) > 0, exits.toString());
        assertTrue(exits.getOrDefault(0, 0) > 0 && exits.getOrDefault(1, 0) > 0, exits.toString());
    }

    /** What a round does with its damaged file ({@code what} describes it for a failure); its exit status. */
    private interface Round {
        int run(Path file, String what) throws IOException;
    }

    /** Runs {@code ROUNDS} rounds on damaged copies of {@code valid}; the count of each exit status. */
    private TreeMap<Integer, Integer> fuzz(byte[] valid, String suffix, Round round) throws IOException {
        Random random = new Random(SEED);
        TreeMap<Integer, Integer> exits = new TreeMap<>();
        for (int i = 0; i < ROUNDS; i++) {
            byte[] damaged = damage(valid, random);
            Path file = dir.resolve("fuzz-" + i + suffix);
            Files.write(file, damaged);
            exits.merge(round.run(file, "round " + i + " (seed " + SEED + "): " + preview(damaged)), 1, Integer::sum);
            Files.delete(file);
        }
        return exits;
    }

    /** Exit 0 or 1, or exit 2 with one line naming the file and nothing on stdout; never a trace. */
    private static void assertClean(CliTest.Run r, Path file, String what) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), "a stack trace: " + r.err() + what);
        if (r.exit() == 2) {
            assertEquals("", r.out(), what);
            assertEquals(1, r.err().lines().count(), r.err() + what);
            assertTrue(r.err().startsWith("jlockdep: " + file + ": ") || r.err().startsWith("jlockdep: " + file + " line "),
                    r.err() + what);
        } else {
            assertTrue(r.exit() == 0 || r.exit() == 1, "exit " + r.exit() + ": " + r.err() + what);
        }
    }

    /** One to three random kinds of damage: cut, overwrite, delete, repeat, insert a token, swap a value. */
    static byte[] damage(byte[] valid, Random random) {
        byte[] b = valid;
        for (int n = 1 + random.nextInt(3); n > 0 && b.length > 0; n--) {
            int at = random.nextInt(b.length);
            int span = 1 + random.nextInt(Math.min(64, b.length - at));
            b = switch (random.nextInt(7)) {
                case 0 -> Arrays.copyOf(b, at);
                case 1 -> {
                    byte[] c = b.clone();
                    for (int i = at; i < at + Math.min(span, 8); i++) {
                        c[i] = (byte) random.nextInt(256);
                    }
                    yield c;
                }
                case 2 -> splice(b, at, at + span, new byte[0]);
                case 3 -> splice(b, at, at, Arrays.copyOfRange(b, at, at + span));
                case 4 -> splice(b, at, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
                case 5 -> replaceOne(b, NUMBER, TOKENS[random.nextInt(TOKENS.length)], random);
                default -> replaceOne(b, STRING, TOKENS[random.nextInt(TOKENS.length)], random);
            };
        }
        return b;
    }

    private static byte[] splice(byte[] b, int from, int to, byte[] insert) {
        byte[] c = new byte[b.length - (to - from) + insert.length];
        System.arraycopy(b, 0, c, 0, from);
        System.arraycopy(insert, 0, c, from, insert.length);
        System.arraycopy(b, to, c, from + insert.length, b.length - to);
        return c;
    }

    /** Replaces one random match of {@code pattern} (a number, a string) with {@code token}. */
    private static byte[] replaceOne(byte[] b, Pattern pattern, String token, Random random) {
        String text = new String(b, StandardCharsets.ISO_8859_1);
        Matcher m = pattern.matcher(text);
        int count = (int) m.results().count();
        if (count == 0) {
            return b;
        }
        m.reset();
        for (int skip = random.nextInt(count); skip >= 0; skip--) {
            m.find();
        }
        return splice(b, m.start(), m.end(), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String preview(byte[] b) {
        String s = new String(b, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(0, 2000) + "..." : s;
    }
}
