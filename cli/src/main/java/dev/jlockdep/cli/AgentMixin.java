package dev.jlockdep.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options of the commands that start the agent (run, attach). */
final class AgentMixin {
    @Option(names = "--agent-opt", paramLabel = "KEY=VALUE", description = "an agent option, such as once=true; repeatable")
    List<String> options = new ArrayList<>();

    @Option(names = "--agent", paramLabel = "JAR",
            description = "the agent jar (default: $JLOCKDEP_AGENT, else agent/target/jlockdep-agent.jar of this checkout)")
    Path jar;
}
