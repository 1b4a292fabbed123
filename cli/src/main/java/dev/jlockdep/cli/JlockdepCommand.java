package dev.jlockdep.cli;

import java.io.PrintWriter;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code jlockdep report|check ...}. */
@Command(name = "jlockdep", mixinStandardHelpOptions = true, versionProvider = JlockdepCommand.Version.class,
        description = "lockdep for the JVM: reports and a CI gate over the dumps the agent writes.",
        subcommands = {RunCommand.class, AttachCommand.class, ReportCommand.class, CheckCommand.class, StatsCommand.class,
                AutoComplete.GenerateCompletion.class,
                CommandLine.HelpCommand.class})
public final class JlockdepCommand implements Runnable {
    static final int OK = 0;
    /** check: a deadlock report that the baseline does not know. */
    static final int FOUND = 1;
    static final int BAD_INPUT = 2;
    static final int INTERNAL_ERROR = 3;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is needed: run, attach, report, check or stats");
    }

    /** The command line with jlockdep's exit codes and its one-line errors (never a stack trace). */
    static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new JlockdepCommand());
        cl.setOut(out);
        cl.setErr(err);
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
