package dev.jlockdep.cli;

import dev.jlockdep.report.LoadedDump;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Links from a frame to its line on a code host, from a URL template ({@code --source-url}, with
 * {@code {path}} for the file relative to the repository root and {@code {line}}): only application
 * frames whose file a source root holds get one, so that no link points at a file the repository lacks.
 */
final class SourceLinks {
    static final SourceLinks NONE = new SourceLinks(null, null);

    private final String template;
    private final SourcePlaces places;

    private SourceLinks(String template, SourcePlaces places) {
        this.template = template;
        this.places = places;
    }

    /** Links by {@code template}; none if it is null. A template without {@code {path}} is bad input. */
    static SourceLinks of(String template, SourcePlaces places) {
        if (template == null) {
            return NONE;
        }
        if (!template.contains("{path}")) {
            throw new BadInput("--source-url needs {path} (and may have {line}): " + template);
        }
        return new SourceLinks(template, places);
    }

    /** The link of a frame, or null. */
    String link(LoadedDump.DumpFrame f) {
        if (template == null || !SourcePlaces.isApplication(f.className(), f.file())) {
            return null;
        }
        return places.found(f.className(), f.file())
                .filter(path -> !path.startsWith("/") && !path.matches("[A-Za-z]:/.*")) // a root outside the repository
                .map(path -> template.replace("{path}", encoded(path)).replace("{line}", Integer.toString(f.line())))
                .orElse(null);
    }

    /**
     * A relative path as a URL path: each segment percent-encoded where it must be (made absolute for the
     * encoding, so that a colon in its first segment is not read as a scheme).
     */
    private static String encoded(String path) {
        try {
            return new URI(null, null, "/" + path, null).getRawPath().substring(1);
        } catch (URISyntaxException e) {
            return path;
        }
    }
}
