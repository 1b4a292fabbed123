package dev.jlockdep.maven;

import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;

/**
 * {@code prepare-agent} for Failsafe's JVMs: their dumps go under {@code target/jlockdep/it/}, and only
 * that folder's old dumps are deleted, never the unit tests' of the same build.
 */
@Mojo(name = "prepare-agent-integration", defaultPhase = LifecyclePhase.PRE_INTEGRATION_TEST, threadSafe = true)
public class PrepareAgentIntegrationMojo extends PrepareAgentMojo {
    @Override
    File dumpDir() {
        return new File(destDir, "it");
    }
}
