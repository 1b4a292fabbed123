package dev.jlockdep.instrument;

import java.lang.instrument.Instrumentation;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.io.File;

/**
 * The agent's entry point. It checks the options first, so a bad option stops the JVM before anything
 * is changed, then starts the agent. A start that fails stops the JVM too, with one line: a program
 * running unchecked while its user believes it is checked is worse than no program.
 */
public final class Premain {
    private Premain() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst);
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst);
    }

    private static void start(String args, Instrumentation inst) {
        AgentOptions options;
        try {
            options = AgentOptions.parse(args);
        } catch (IllegalArgumentException bad) {
            die(bad.getMessage());
            return;
        }
        try {
            AgentMain.start(options, inst, version());
        } catch (Exception | LinkageError e) {
            die("jlockdep: could not start the agent: " + e);
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
