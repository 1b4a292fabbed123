package dev.jlockdep.cli;

import dev.jlockdep.core.Suppressions;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jlockdep run -- java ...}: runs a JVM with the agent attached, passes its output through,
 * then summarises what it reported. Exits with the JVM's status, or 1 with {@code --fail-on-report}
 * when it reported anything.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        exitCodeListHeading = JlockdepCommand.EXIT_CODES, exitCodeList = {"0-255:the JVM's own exit status; 1 with --fail-on-report when it reported anything",
            JlockdepCommand.EXIT_BAD_INPUT, JlockdepCommand.EXIT_INTERNAL},
        description = "Runs a Java command line under the agent and summarises its reports: jlockdep run [options] -- java -cp app.jar Main")
final class RunCommand implements Callable<Integer> {
    private static final int SUMMARY_LINES = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--dump", paramLabel = "FILE", description = "keep the JVM's dump here (default: a temporary file)")
    Path dump;

    @Mixin
    AgentMixin agent;

    @Option(names = "--fail-on-report", description = "exit 1 when the JVM reported anything")
    boolean failOnReport;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "the java command line, after --")
    List<String> command;

    @Override
    public Integer call() throws IOException, InterruptedException {
        String launcher = Path.of(command.get(0)).getFileName().toString();
        if (!launcher.equals("java") && !launcher.equals("java.exe")) {
            throw new BadInput("the command must start with java (the JVM to run under the agent), not " + command.get(0));
        }
        Path jar = AgentJar.find(agent.jar);
        boolean keep = dump != null;
        Path dumpFile = keep ? dump : Files.createTempFile("jlockdep-run", ".json");
        Files.deleteIfExists(dumpFile);
        List<String> options = new ArrayList<>(List.of("dump=" + dumpFile.toAbsolutePath()));
        options.addAll(agent.options);
        List<String> cmd = new ArrayList<>();
        cmd.add(command.get(0));
        cmd.add("-javaagent:" + jar + "=" + String.join(",", options));
        cmd.addAll(command.subList(1, command.size()));

        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.INHERIT).start();
        Thread o = pump(p.getInputStream(), out);
        Thread e = pump(p.getErrorStream(), err);
        int status = p.waitFor();
        o.join();
        e.join();

        int reports = 0;
        if (Files.exists(dumpFile)) {
            try {
                Dumps d = Dumps.load(List.of(dumpFile), Progress.NONE, Suppressions.NONE);
                reports = d.problems.size();
                // One screen: a line per problem, then the count.
                d.problems.values().stream().limit(SUMMARY_LINES).forEach(problem -> err.println("jlockdep: " + problem.summary()));
                if (reports > SUMMARY_LINES) {
                    err.println("jlockdep: ... and " + (reports - SUMMARY_LINES) + " more (jlockdep report DUMP)");
                }
                err.println("jlockdep: " + d.tally(false) + (keep ? "; dump: " + dumpFile : ""));
            } catch (BadInput bad) {
                err.println("jlockdep: " + bad.getMessage());
            } finally {
                if (!keep) {
                    Files.deleteIfExists(dumpFile);
                }
            }
        } else {
            err.println("jlockdep: the JVM wrote no dump (exit status " + status + ")");
        }
        err.flush();
        return failOnReport && reports > 0 ? JlockdepCommand.FOUND : status;
    }

    /** Copies a child's output to one of ours, line by line, as it comes. */
    private static Thread pump(InputStream from, PrintWriter to) {
        Thread t = new Thread(() -> {
            try (Reader r = new InputStreamReader(from, Charset.defaultCharset())) {
                char[] buf = new char[8192];
                for (int n; (n = r.read(buf)) > 0; ) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException ignored) {
                // the child is gone
            }
        }, "jlockdep-run-output");
        t.start();
        return t;
    }
}
