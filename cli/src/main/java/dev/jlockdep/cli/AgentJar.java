package dev.jlockdep.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the agent jar: given, else $JLOCKDEP_AGENT, else agent/target/jlockdep-agent.jar of this checkout. */
final class AgentJar {
    private AgentJar() {
    }

    static Path find(Path given) {
        if (given != null) {
            return requireFile(given);
        }
        String env = System.getenv("JLOCKDEP_AGENT");
        if (env != null && !env.isEmpty()) {
            return requireFile(Path.of(env));
        }
        try {
            // cli/target/jlockdep.jar or cli/target/classes: the checkout is a few levels up.
            Path here = Path.of(AgentJar.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path dir = here; dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve("agent/target/jlockdep-agent.jar");
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the error below
        }
        throw new BadInput("cannot find the agent jar: give --agent JAR or set JLOCKDEP_AGENT");
    }

    private static Path requireFile(Path jar) {
        if (!Files.isRegularFile(jar)) {
            throw new BadInput(jar + ": no such agent jar");
        }
        return jar.toAbsolutePath();
    }
}
