package dev.jlockdep.cli;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.nio.file.Path;
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
        description = "Loads the agent into a running JVM; its reports appear on that JVM's stderr.")
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
        VirtualMachine vm;
        try {
            vm = VirtualMachine.attach(Long.toString(pid));
        } catch (AttachNotSupportedException | IOException e) {
            throw new BadInput("cannot attach to process " + pid + ": " + e.getMessage());
        }
        try {
            vm.loadAgent(jar.toString(), String.join(",", agent.options));
        } catch (AgentInitializationException e) {
            throw new BadInput("the agent refused to start in process " + pid + " (its stderr says why)");
        } catch (AgentLoadException | IOException e) {
            throw new BadInput("cannot load the agent into process " + pid + ": " + e.getMessage());
        } finally {
            try {
                vm.detach();
            } catch (IOException ignored) {
                // the JVM went away; nothing to release
            }
        }
        spec.commandLine().getOut().println("jlockdep: attached to process " + pid
                + "; its reports go to its stderr (locks it took before now are not known)");
        return JlockdepCommand.OK;
    }
}
