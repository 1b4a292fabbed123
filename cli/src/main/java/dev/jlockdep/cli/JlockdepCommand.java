package dev.jlockdep.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code jlockdep report|check ...}; a bare {@code jlockdep} prints its usage. */
@Command(name = "jlockdep", mixinStandardHelpOptions = true, versionProvider = JlockdepCommand.Version.class,
        description = "lockdep for the JVM: reports and a CI gate over the dumps the agent writes.",
        exitCodeListHeading = JlockdepCommand.EXIT_CODES,
        exitCodeList = {JlockdepCommand.EXIT_OK, "1:check: a new possible deadlock; run: the JVM's own status",
            JlockdepCommand.EXIT_BAD_INPUT, JlockdepCommand.EXIT_INTERNAL},
        subcommands = {RunCommand.class, AttachCommand.class, DumpCommand.class, StatusCommand.class, ReportCommand.class,
                CheckCommand.class, StatsCommand.class,
                AutoComplete.GenerateCompletion.class,
                CommandLine.HelpCommand.class})
public final class JlockdepCommand implements Callable<Integer> {
    /** The heading and lines of the exit codes each command lists in its --help. */
    static final String EXIT_CODES = "%nExit codes:%n";
    static final String EXIT_OK = "0:success";
    static final String EXIT_BAD_INPUT = "2:bad input: a usage error, a missing or bad dump, baseline or suppressions"
            + " file (one line on stderr)";
    static final String EXIT_INTERNAL = "3:an internal error of jlockdep (one line on stderr)";
    static final int OK = 0;
    /** check: a deadlock report that the baseline does not know. */
    static final int FOUND = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL_ERROR = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return OK;
    }

    /** The command line with jlockdep's exit codes and its one-line errors (never a stack trace). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new JlockdepCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((e, args) -> {
            err.println("jlockdep: " + e.getMessage() + " (see jlockdep --help)");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof BadInput) {
                err.println("jlockdep: " + e.getMessage());
                return BAD_INPUT;
            }
            err.println("jlockdep: internal error: " + e);
            return INTERNAL_ERROR;
        });
        return cl;
    }

    /** The version from the jar's manifest. */
    static String version() {
        String v = JlockdepCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"jlockdep " + version()};
        }
    }
}
