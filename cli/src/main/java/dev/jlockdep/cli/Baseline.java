package dev.jlockdep.cli;

import dev.jlockdep.core.model.ProblemKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
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
    private static final String HEADER = "# jlockdep baseline, keys of 2026-12: known possible deadlocks, one problem"
            + " key per line";
    /** What jlockdep wrote before a tangle was one problem and keys lost their line numbers. */
    private static final String OLD_HEADER = "# jlockdep baseline: known possible deadlocks, one problem key per line";

    /** The keys of a baseline file. */
    record Known(Set<String> keys) {
        /** Whether the baseline knows a problem: an entry covers it. */
        boolean covers(String key) {
            return keys.stream().anyMatch(entry -> entryCovers(entry, key));
        }

        /** Whether one entry covers a problem: it is its key, or a tangle holding every class of it. */
        static boolean entryCovers(String entry, String key) {
            if (entry.equals(key)) {
                return true;
            }
            List<String> members = ProblemKey.members(key);
            return !members.isEmpty() && ProblemKey.members(entry).containsAll(members);
        }

        /**
         * Whether an entry still stands for something the dumps hold ({@code current} keys): it covers one, or
         * it is a tangle that shares a class with one (the tangle grew); else it is stale.
         */
        static boolean live(String entry, Collection<String> current) {
            List<String> members = ProblemKey.members(entry);
            return current.stream().anyMatch(k -> entryCovers(entry, k)
                    || ProblemKey.members(k).stream().anyMatch(members::contains));
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
        Set<String> keys = new TreeSet<>();
        List<String> lines = InputFiles.text(file, "baseline").lines().toList();
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
    }

    /**
     * The baseline of {@code keys}, written over {@code file} if that is one already: its comments and
     * blank lines stay, its entries that still cover a problem stay where they are, the others (stale)
     * go, and keys it does not cover come after them, sorted.
     */
    static String rewrite(Path file, Set<String> keys) {
        List<String> lines = existingLines(file);
        StringBuilder out = new StringBuilder(HEADER).append('\n');
        Set<String> covered = new HashSet<>();
        for (String line : lines) {
            String t = line.strip();
            if (t.equals(HEADER) || t.equals(OLD_HEADER)) {
                continue;
            }
            if (t.isEmpty() || t.startsWith("#")) {
                out.append(line).append('\n');
                continue;
            }
            List<String> covers = keys.stream().filter(k -> Known.entryCovers(t, k)).toList();
            if (!covers.isEmpty() && !covered.containsAll(covers)) {
                out.append(t).append('\n');
                covered.addAll(covers);
            }
        }
        for (String k : new TreeSet<>(keys)) {
            if (!covered.contains(k)) {
                out.append(k).append('\n');
            }
        }
        return out.toString();
    }

    /** The lines of a baseline file to rewrite, or none if there is no such file or it is no baseline. */
    private static List<String> existingLines(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            boolean baseline = lines.stream().map(String::strip)
                    .allMatch(l -> l.isEmpty() || l.startsWith("#") || ProblemKey.isBaselineKey(l));
            return baseline ? lines : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }
}
