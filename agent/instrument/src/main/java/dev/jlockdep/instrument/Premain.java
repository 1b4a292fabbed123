package dev.jlockdep.instrument;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * The agent's entry points. At start-up ({@code -javaagent}) the options are checked first, so a bad
 * option stops the JVM before anything is changed; a start that fails stops the JVM too, with one line:
 * a program running unchecked while its user believes it is checked is worse than no program.
 */
public final class Premain {
    private Premain() {
    }

    public static void premain(String args, Instrumentation inst) {
        try {
            AgentStarter.start(AgentOptions.parse(args), inst, version(), false);
        } catch (IllegalArgumentException bad) {
            die(bad.getMessage());
        } catch (Exception | LinkageError e) {
            die("jlockdep: could not start the agent: " + e);
        }
    }

    /**
     * Loaded into a running JVM ({@code jlockdep attach}): a refusal never stops that JVM; it is said on
     * its stderr and thrown back to the attaching side.
     */
    public static void agentmain(String args, Instrumentation inst) throws Exception {
        try {
            AgentStarter.start(AgentOptions.parse(args), inst, version(), true);
        } catch (IllegalArgumentException | IllegalStateException refused) {
            System.err.println(refused.getMessage());
            throw refused;
        }
    }

    private static String version() throws Exception {
        File jar = new File(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (JarFile jarFile = new JarFile(jar)) {
            return jarFile.getManifest().getMainAttributes().getValue(Attributes.Name.IMPLEMENTATION_VERSION);
        }
    }

    /** One line and exit status 1: no stack trace. */
    private static void die(String line) {
        System.err.println(line);
        System.err.flush();
        Runtime.getRuntime().halt(1);
    }
}
