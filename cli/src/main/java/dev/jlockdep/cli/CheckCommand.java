package dev.jlockdep.cli;

import dev.jlockdep.core.model.ProblemKey;
import dev.jlockdep.core.model.ReportKind;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code jlockdep check}: the CI gate. Exit 0 when every possible deadlock (circular or recursive
 * locking) in the dumps is in the baseline, 1 when one is new (listed), 2 on bad input.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        exitCodeListHeading = JlockdepCommand.EXIT_CODES, exitCodeList = {JlockdepCommand.EXIT_OK + ": every problem the gate fails on is known (in the baseline)",
            "1:a new problem the gate fails on (listed)", JlockdepCommand.EXIT_BAD_INPUT, JlockdepCommand.EXIT_INTERNAL},
        description = "Fails (exit 1) when the dumps hold a possible deadlock (or a problem of a kind --fail-on names)"
                + " that the baseline does not know.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DumpFiles dumpFiles;

    @Option(names = "--source-root", paramLabel = "DIR", description = "where the sources are, relative to the current"
            + " directory (repeatable), for the paths of SARIF and annotations; default every src/main/java and"
            + " src/test/java below it")
    List<Path> sourceRoots = List.of();

    @Option(names = "--baseline", paramLabel = "FILE", description = "the known problems; none if absent")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "write the dumps' problems as the new baseline")
    Path writeBaseline;

    @Option(names = "--force", description = "overwrite the --write-baseline or -o file even if it is not jlockdep's")
    boolean force;

    @Option(names = "--all", description = "fail on every new possible deadlock, also those that triage takes out of"
            + " the gate (thread-confined, gated, lifecycle, same-class hierarchies)")
    boolean all;

    @Option(names = "--fail-on", split = ",", paramLabel = "KIND", description = "the kinds of problem the gate fails"
            + " on, any of circular, recursive, starvation, bad-unlock, held-at-exit, warning, stall; default"
            + " ${DEFAULT-VALUE} (the possible deadlocks)", defaultValue = "circular,recursive,starvation")
    List<String> failOn;

    enum Format { text, github, junit }

    @Option(names = "--format", defaultValue = "text", description = "text; github (workflow annotations, one"
            + " ::error per new problem, then the text); or junit (JUnit XML: a new problem fails its test case, a"
            + " known one passes, one out of the gate is skipped); default ${DEFAULT-VALUE}")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write the JUnit XML here (the text still goes"
            + " to standard output); standard output if absent")
    Path output;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Set<ReportKind> kinds = kinds(failOn);
        Dumps dumps = dumpFiles.load();
        Map<String, Dumps.Problem> gated = new LinkedHashMap<>();
        dumps.problems.forEach((key, p) -> {
            if (kinds.contains(p.kind()) && p.suppressed() == null) {
                gated.put(key, p);
            }
        });
        String noun = kinds.stream().allMatch(ReportKind::isDeadlock) ? "possible deadlock" : "problem";
        if (writeBaseline != null) {
            Output.write(Baseline.rewrite(writeBaseline, gated.keySet()), writeBaseline, force, out);
            out.println("jlockdep: wrote " + Dumps.count(gated.size(), "known problem") + " to " + writeBaseline);
            return JlockdepCommand.OK;
        }
        Baseline.Known known = baseline == null ? new Baseline.Known(Set.of()) : Baseline.read(baseline);
        List<Dumps.Problem> fresh = new ArrayList<>();
        List<Dumps.Problem> knownOnes = new ArrayList<>();
        List<Dumps.Problem> triaged = new ArrayList<>();
        for (Dumps.Problem p : gated.values()) {
            (known.covers(p.key()) ? knownOnes : all || p.triage().credible() ? fresh : triaged).add(p);
        }
        GateFormats.Verdicts verdicts = new GateFormats.Verdicts(fresh, knownOnes, triaged, dumps.problems.values()
                .stream().filter(p -> kinds.contains(p.kind()) && p.suppressed() != null).toList());
        if (format == Format.junit) {
            Output.write(GateFormats.junit(verdicts), output, force, out);
            if (output == null) {
                return fresh.isEmpty() ? JlockdepCommand.OK : JlockdepCommand.FOUND;
            }
        } else if (format == Format.github) {
            out.print(GateFormats.github(verdicts, new SourcePlaces(sourceRoots)));
        }
        for (Dumps.Problem p : fresh) {
            out.println("new: " + p.summary() + " (in " + String.join(", ", p.seenIn().stream().map(Path::toString).toList())
                    + ")");
            out.println("     key: " + p.key());
            String test = dumps.firstSeenIn.get(p.key());
            if (test != null) {
                out.println("     first seen in: " + test);
            }
            Set<String> joined = known.joined(p.key());
            if (joined != null) {
                out.println("     grew: a known tangle, joined by " + String.join(", ", joined));
            }
        }
        for (Dumps.Problem p : triaged) {
            out.println("out of the gate: " + p.summary());
            out.println("     " + p.triage().line());
        }
        // Of the kinds gated on: an entry that stands for nothing the dumps hold any more.
        List<String> stale = known.keys().stream().filter(k -> kinds.contains(ProblemKey.kindOf(k)))
                .filter(k -> !Baseline.Known.live(k, gated.keySet())).toList();
        for (String k : stale) {
            out.println("stale: " + k);
        }
        out.println("jlockdep: " + Dumps.count(fresh.size(), "new " + noun) + ", "
                + knownOnes.size() + " known"
                + (triaged.isEmpty() ? "" : ", " + triaged.size() + " out of the gate by triage (--all to fail on them)")
                + (verdicts.suppressed().isEmpty() ? "" : ", " + verdicts.suppressed().size() + " suppressed")
                + (stale.isEmpty() ? "" : ", " + stale.size() + (stale.size() == 1 ? " stale baseline entry"
                        : " stale baseline entries") + " (--write-baseline drops them)")
                + ", in " + Dumps.count(dumps.dumps.size(), "dump"));
        out.flush();
        return fresh.isEmpty() ? JlockdepCommand.OK : JlockdepCommand.FOUND;
    }

    /** The kinds --fail-on names, whatever their case; an unknown one is bad input. */
    private static Set<ReportKind> kinds(List<String> names) {
        Set<ReportKind> kinds = EnumSet.noneOf(ReportKind.class);
        for (String name : names) {
            ReportKind k = ReportKind.fromDumpName(name.strip().toLowerCase(Locale.ROOT));
            if (k == null) {
                throw new BadInput("unknown kind '" + name + "' for --fail-on (kinds: " + Arrays.stream(ReportKind.values())
                        .map(ReportKind::dumpName).collect(Collectors.joining(", ")) + ")");
            }
            kinds.add(k);
        }
        return kinds;
    }
}
