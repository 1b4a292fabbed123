package dev.jlockdep.instrument;

import dev.jlockdep.core.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;

/**
 * Where the agent's suppressions come from: the defaults it ships, each library's own
 * ({@value #LIBRARY_RESOURCE} on the class path), and the user's file ({@code suppressions=FILE}). A
 * file that cannot be read, or a line that is no rule, is an {@link IllegalArgumentException} whose
 * message is the one line the JVM dies with.
 */
final class SuppressionFiles {
    static final String LIBRARY_RESOURCE = "META-INF/jlockdep/suppressions.txt";
    private static final String DEFAULTS = "default-suppressions.txt";

    private SuppressionFiles() {
    }

    /** The rules the options ask for: the defaults and the libraries' unless switched off, then the user's file. */
    static Suppressions load(AgentOptions options) throws IOException {
        Suppressions rules = Suppressions.NONE;
        if (options.defaultSuppressions) {
            try (InputStream in = SuppressionFiles.class.getResourceAsStream(DEFAULTS)) {
                rules = rules.plus(Suppressions.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                        "jlockdep's defaults"));
            }
            Enumeration<URL> libraries = ClassLoader.getSystemClassLoader().getResources(LIBRARY_RESOURCE);
            while (libraries.hasMoreElements()) {
                URL url = libraries.nextElement();
                try (InputStream in = url.openStream()) {
                    rules = rules.plus(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), url.toString()));
                }
            }
        }
        if (options.suppressions != null) {
            Path file = Path.of(options.suppressions);
            try {
                rules = rules.plus(parse(Files.readString(file, StandardCharsets.UTF_8), file.toString()));
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("jlockdep: no such suppressions file: " + file);
            } catch (IOException e) {
                throw new IllegalArgumentException("jlockdep: cannot read the suppressions file " + file + ": " + e);
            }
        }
        return rules;
    }

    private static Suppressions parse(String text, String source) {
        try {
            return Suppressions.parse(text, source);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("jlockdep: " + e.getMessage());
        }
    }
}
