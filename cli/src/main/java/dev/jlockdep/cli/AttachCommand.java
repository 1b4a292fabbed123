package dev.jlockdep.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.VirtualMachine;
import dev.jlockdep.report.LiveAgent;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code jlockdep attach PID}: loads the agent into a running JVM (Attach API). What that JVM locked
 * before is unknown, and the agent says so on its stderr; its reports go there too.
 */
@Command(name = "attach", mixinStandardHelpOptions = true,
        exitCodeListHeading = JlockdepCommand.EXIT_CODES, exitCodeList = {JlockdepCommand.EXIT_OK + ": the agent runs in the JVM", JlockdepCommand.EXIT_BAD_INPUT, JlockdepCommand.EXIT_INTERNAL},
        description = "Loads the agent into a running JVM; its reports appear on that JVM's stderr (or in its log=FILE). "
                + "A JVM that already runs it is left alone.")
final class AttachCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PID", description = "the process id of the JVM")
    long pid;

    @Mixin
    AgentMixin agent;

    @Override
    public Integer call() {
        Path jar = AgentJar.find(agent.jar);
        PrintWriter out = spec.commandLine().getOut();
        VirtualMachine vm = LiveJvm.connect(pid);
        String log;
        try {
            String running = vm.getSystemProperties().getProperty(LiveAgent.VERSION_PROPERTY);
            if (running != null) { // loading it again would only make the JVM warn on its stderr
                out.println("jlockdep: already attached: process " + pid + " runs the agent " + running
                        + "; nothing changed");
                return JlockdepCommand.OK;
            }
            vm.loadAgent(jar.toString(), String.join(",", agent.options));
            Properties started = vm.getSystemProperties();
            if (started.getProperty(LiveAgent.VERSION_PROPERTY) == null) {
                throw new BadInput("the agent did not start in process " + pid + " (its stderr says why)");
            }
            log = started.getProperty(LiveAgent.LOG_PROPERTY); // log= with its %p and %t expanded
        } catch (AgentInitializationException e) {
            throw new BadInput("the agent refused to start in process " + pid + " (its stderr says why)");
        } catch (AgentLoadException | IOException e) {
            throw new BadInput("cannot load the agent into process " + pid + ": " + e.getMessage());
        } finally {
            LiveJvm.detach(vm);
        }
        out.println("jlockdep: attached to process " + pid + "; its reports go to "
                + (log == null ? "its stderr" : log) + " (locks it took before now are not known)");
        return JlockdepCommand.OK;
    }
}
