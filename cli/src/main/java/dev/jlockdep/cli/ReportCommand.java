package dev.jlockdep.cli;

import com.google.gson.stream.JsonWriter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code jlockdep report}: the reports of one or more dumps, each distinct problem once. */
@Command(name = "report", mixinStandardHelpOptions = true,
        exitCodeListHeading = JlockdepCommand.EXIT_CODES, exitCodeList = {JlockdepCommand.EXIT_OK, JlockdepCommand.EXIT_BAD_INPUT, JlockdepCommand.EXIT_INTERNAL},
        description = "Prints the reports of the dumps (for example one per forked test JVM), each distinct problem once.")
final class ReportCommand implements Callable<Integer> {
    enum Format { text, json, sarif, dot, html }

    @Spec
    CommandSpec spec;

    @Mixin
    DumpFiles dumpFiles;

    @Option(names = "--source-root", paramLabel = "DIR", description = "where the sources are, relative to the current"
            + " directory (repeatable), for the paths of SARIF and annotations; default every src/main/java and"
            + " src/test/java below it")
    List<Path> sourceRoots = List.of();

    @Option(names = "--baseline", paramLabel = "FILE", description = "the known problems (as check's): with --format"
            + " sarif, each result says whether the baseline knows it (baselineState unchanged) or not (new); with"
            + " --format html, the table of contents does")
    Path baseline;

    @Option(names = "--source-url", paramLabel = "TEMPLATE", description = "with --format html, link application frames"
            + " to their lines: {path} is the file relative to the repository root, {line} its line (e.g."
            + " https://github.com/acme/bank/blob/main/{path}#L{line})")
    String sourceUrl;

    @Option(names = "--format", defaultValue = "text", description = "text (lockdep's splats), json, sarif (2.1.0, for code scanning), dot (the merged graph, cycles in red), or html (one self-contained page: a section per problem); default ${DEFAULT-VALUE}")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of standard output")
    Path output;

    @Option(names = "--force", description = "overwrite the output file if it exists")
    boolean force;

    enum Color { auto, always, never }

    @Option(names = "--color", defaultValue = "auto", description = "colour the text report: auto (only on a terminal), always, never")
    Color color;

    @Override
    public Integer call() {
        if (baseline != null && format != Format.sarif && format != Format.html) {
            throw new BadInput("--baseline applies to --format sarif and html only (check gates on it)");
        }
        if (sourceUrl != null && format != Format.html) {
            throw new BadInput("--source-url applies to --format html only");
        }
        Dumps dumps = dumpFiles.load();
        Baseline.Known known = baseline == null ? null : Baseline.read(baseline);
        String text = switch (format) {
            case text -> colored(text(dumps));
            case json -> json(dumps);
            case sarif -> SarifFormat.render(dumps, JlockdepCommand.version(), new SourcePlaces(sourceRoots), known);
            case dot -> DotFormat.render(dumps);
            case html -> HtmlFormat.render(dumps, known, SourceLinks.of(sourceUrl, new SourcePlaces(sourceRoots)));
        };
        Output.write(text, output, force, spec.commandLine().getOut());
        return JlockdepCommand.OK;
    }

    /** Titles in bold red, when {@link #colorOn} says so. */
    private String colored(String text) {
        boolean on = colorOn(color, output == null && Progress.isTerminal(), System.getenv("NO_COLOR"));
        return on ? text.replaceAll("(?m)^(WARNING: .*)$", "\u001B[1;31m$1\u001B[0m") : text;
    }

    /**
     * Colour when asked, or by default on a terminal (never in a file or a pipe), unless {@code NO_COLOR}
     * is set to anything but the empty string (no-color.org); {@code --color=always} wins over it.
     */
    static boolean colorOn(Color color, boolean toTerminal, String noColor) {
        return color == Color.always || color == Color.auto && toTerminal && (noColor == null || noColor.isEmpty());
    }

    private static String text(Dumps dumps) {
        StringBuilder out = new StringBuilder();
        for (Dumps.Problem p : dumps.credibleFirst()) {
            out.append(p.text());
            if (!p.triage().why().isEmpty() || !p.triage().credible()) {
                out.append(p.triage().line()).append('\n');
            }
            if (p.suppressed() != null) {
                out.append("jlockdep: suppressed by ").append(p.suppressed()).append('\n');
            }
            String test = dumps.firstSeenIn.get(p.key());
            if (test != null) {
                out.append("jlockdep: first seen in ").append(test).append('\n');
            }
        }
        out.append("\njlockdep: ").append(dumps.tally(true)).append('\n');
        return out.toString();
    }

    private static String json(Dumps dumps) {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.setIndent(" ");
            w.beginObject().name("schema").value("jlockdep-report").name("version").value(1);
            w.name("dumps").beginArray();
            for (var d : dumps.dumps) {
                w.value(d.file().toString());
            }
            w.endArray();
            w.name("reports").beginArray();
            for (Dumps.Problem p : dumps.credibleFirst()) {
                w.beginObject().name("kind").value(p.kind().dumpName()).name("problem").value(p.key())
                        .name("summary").value(p.summary()).name("confirmed").value(p.confirmed())
                        .name("acrossDumps").value(p.merged()).name("suppressed").value(p.suppressed());
                w.name("triage").beginObject().name("verdict").value(p.triage().verdict().dumpName())
                        .name("why").value(p.triage().why()).endObject();
                w.name("seenIn").beginArray();
                for (Path f : p.seenIn()) {
                    w.value(f.toString());
                }
                w.endArray();
                w.name("firstSeenIn").value(dumps.firstSeenIn.get(p.key()));
                w.name("text").value(p.text()).endObject();
            }
            w.endArray().endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return s + "\n";
    }
}
