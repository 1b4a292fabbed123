package dev.jlockdep.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The agent's part of the test JVMs' command line, as prepare-agent writes it. */
class PrepareAgentMojoTest {
    @Test
    void optionsGoIntoTheAgentArgumentAndAPathWithASpaceIsQuoted() {
        PrepareAgentMojo mojo = new PrepareAgentMojo();
        mojo.destDir = new File("/work/my project/target/jlockdep");
        mojo.include = "com.acme.*";
        mojo.watchdog = 30;
        mojo.stackDepth = 16;
        assertEquals("\"-javaagent:/repo/jlockdep-agent.jar=dump=/work/my project/target/jlockdep/jlockdep-%p.json,"
                        + "include=com.acme.*,watchdog=30,stackDepth=16\" -Djunit.jupiter.extensions.autodetection.enabled=true"
                        + " -Djlockdep.required=true",
                mojo.argLine(Path.of("/repo/jlockdep-agent.jar"), mojo.destDir.toPath()));
        mojo.include = null;
        mojo.watchdog = null;
        mojo.stackDepth = null;
        assertEquals("-javaagent:/repo/jlockdep-agent.jar=dump=/build/jlockdep/it/jlockdep-%p.json"
                        + " -Djunit.jupiter.extensions.autodetection.enabled=true -Djlockdep.required=true",
                mojo.argLine(Path.of("/repo/jlockdep-agent.jar"), Path.of("/build/jlockdep/it")));
    }
}
