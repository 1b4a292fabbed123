package dev.jlockdep.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
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
        description = "Fails (exit 1) when the dumps hold a possible deadlock that the baseline does not know.")
final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    DumpFiles dumpFiles;

    @Option(names = "--baseline", paramLabel = "FILE", description = "the known problems; none if absent")
    Path baseline;

    @Option(names = "--write-baseline", paramLabel = "FILE", description = "write the dumps' problems as the new baseline")
    Path writeBaseline;

    @Option(names = "--force", description = "overwrite the --write-baseline file if it exists")
    boolean force;

    @Option(names = "--all", description = "fail on every new possible deadlock, also those that triage takes out of"
            + " the gate (thread-confined, gated, consistent same-class order)")
    boolean all;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Dumps dumps = dumpFiles.load();
        Map<String, Dumps.Problem> deadlocks = new LinkedHashMap<>();
        long suppressed = dumps.problems.values().stream().filter(p -> p.isDeadlock() && p.suppressed() != null).count();
        dumps.problems.forEach((key, p) -> {
            if (p.isDeadlock() && p.suppressed() == null) {
                deadlocks.put(key, p);
            }
        });
        if (writeBaseline != null) {
            Output.write(Baseline.render(deadlocks.keySet()), writeBaseline, force, out);
            out.println("jlockdep: wrote " + Dumps.count(deadlocks.size(), "known problem") + " to " + writeBaseline);
            return JlockdepCommand.OK;
        }
        Baseline.Known known = baseline == null ? new Baseline.Known(Set.of()) : Baseline.read(baseline);
        List<Dumps.Problem> unknown = deadlocks.values().stream().filter(p -> !known.covers(p.key())).toList();
        List<Dumps.Problem> fresh = unknown.stream().filter(p -> all || p.triage().credible()).toList();
        List<Dumps.Problem> triaged = unknown.stream().filter(p -> !fresh.contains(p)).toList();
        for (Dumps.Problem p : fresh) {
            out.println("new: " + p.summary() + " (in " + String.join(", ", p.seenIn().stream().map(Path::toString).toList())
                    + ")");
            out.println("     key: " + p.key());
            Set<String> joined = known.joined(p.key());
            if (joined != null) {
                out.println("     grew: a known tangle, joined by " + String.join(", ", joined));
            }
        }
        for (Dumps.Problem p : triaged) {
            out.println("out of the gate: " + p.summary());
            out.println("     " + p.triage().line());
        }
        out.println("jlockdep: " + Dumps.count(fresh.size(), "new possible deadlock") + ", "
                + (deadlocks.size() - unknown.size()) + " known"
                + (triaged.isEmpty() ? "" : ", " + triaged.size() + " out of the gate by triage (--all to fail on them)")
                + (suppressed == 0 ? "" : ", " + suppressed + " suppressed")
                + ", in " + Dumps.count(dumps.dumps.size(), "dump"));
        out.flush();
        return fresh.isEmpty() ? JlockdepCommand.OK : JlockdepCommand.FOUND;
    }
}
