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
 * class keys (field, allocation site, explicit name, runtime class), so they are the same on every
 * run and machine. Lines starting with '#' are comments.
 */
final class Baseline {
    private static final long MAX_BYTES = 16L << 20;

    private Baseline() {
    }

    static Set<String> read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new BadInput(file + ": too large for a baseline");
            }
            Set<String> keys = new TreeSet<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                if (!ProblemKey.isBaselineKey(line)) {
                    throw new BadInput(file + " line " + (i + 1) + ": not a jlockdep problem key");
                }
                keys.add(line);
            }
            return keys;
        } catch (NoSuchFileException e) {
            throw new BadInput(file + ": no such baseline file");
        } catch (MalformedInputException e) {
            throw new BadInput(file + ": not a text file");
        } catch (IOException e) {
            throw new BadInput(file + ": cannot be read: " + e.getMessage());
        }
    }

    static String render(Set<String> keys) {
        StringBuilder out = new StringBuilder("# jlockdep baseline: known possible deadlocks, one problem key per line\n");
        for (String k : new TreeSet<>(keys)) {
            out.append(k).append('\n');
        }
        return out.toString();
    }
}
