package dev.jlockdep.cli;

import dev.jlockdep.core.model.ProblemKey;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The problems a project already knows, one per line: the problem keys of the dumps, built from lock
 * class keys (field, allocation place, explicit name, runtime class; never a line number), so they are
 * the same on every run and machine. A tangle of classes is one key with all its classes: it stays known
 * while a run sees it or a part of it, and is new again when a class joins it. Lines starting with '#'
 * are comments; the first says which jlockdep wrote the file.
 */
final class Baseline {
    private static final long MAX_BYTES = 16L << 20;
    private static final String HEADER = "# jlockdep baseline, keys of 2026-12: known possible deadlocks, one problem"
            + " key per line";
    /** What jlockdep wrote before a tangle was one problem and keys lost their line numbers. */
    private static final String OLD_HEADER = "# jlockdep baseline: known possible deadlocks, one problem key per line";

    /** The keys of a baseline file. */
    record Known(Set<String> keys) {
        /** Whether the baseline knows a problem: its key, or a tangle holding every class of it. */
        boolean covers(String key) {
            if (keys.contains(key)) {
                return true;
            }
            List<String> members = ProblemKey.members(key);
            return !members.isEmpty() && keys.stream().anyMatch(k -> ProblemKey.members(k).containsAll(members));
        }

        /**
         * The classes that joined a known tangle to make the tangle of {@code key} (one not {@link
         * #covers covered}): the fewest, over the known tangles that share a class with it; null if none does.
         */
        Set<String> joined(String key) {
            List<String> members = ProblemKey.members(key);
            Set<String> fewest = null;
            for (String k : keys) {
                List<String> known = ProblemKey.members(k);
                if (known.stream().anyMatch(members::contains)) {
                    Set<String> joined = new TreeSet<>(members);
                    known.forEach(joined::remove);
                    if (fewest == null || joined.size() < fewest.size()) {
                        fewest = joined;
                    }
                }
            }
            return fewest;
        }
    }

    private Baseline() {
    }

    static Known read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInput(file + ": too large for a baseline");
            }
            Set<String> keys = new TreeSet<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.equals(OLD_HEADER)) {
                    throw new BadInput(file + ": baseline from an older jlockdep: run --write-baseline again");
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!ProblemKey.isBaselineKey(line)) {
                    throw new BadInput(file + " line " + (i + 1) + ": not a jlockdep problem key");
                }
                keys.add(line);
            }
            return new Known(keys);
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such baseline file");
        } catch (MalformedInputException e) {
            throw new BadInput(file + ": not a text file");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot be read: " + e.getMessage());
        }
    }

    static String render(Set<String> keys) {
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        for (String k : new TreeSet<>(keys)) {
            out.append(k).append('\n');
        }
        return out.toString();
    }
}
