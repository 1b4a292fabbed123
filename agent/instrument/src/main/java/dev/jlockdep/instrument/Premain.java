package dev.jlockdep.instrument;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.util.jar.JarFile;

/**
 * The agent's entry point, loaded by the application class loader. It checks the options, appends the
 * agent jar to the bootstrap search path and hands over to the bootstrap copy of {@link AgentMain}, so
 * that the hooks instrumented JDK classes call, and everything behind them, are bootstrap classes.
 * Apart from the options check (so a bad option stops the JVM before anything is changed), it touches
 * no other class of the agent: those must be loaded from the bootstrap path.
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
        try {
            AgentOptions.parse(args);
        } catch (IllegalArgumentException bad) {
            die(bad.getMessage());
        }
        try {
            File jar = new File(Premain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            String version;
            try (JarFile jarFile = new JarFile(jar)) {
                version = jarFile.getManifest().getMainAttributes().getValue("Implementation-Version");
            }
            inst.appendToBootstrapClassLoaderSearch(new JarFile(jar));
            Class.forName("dev.jlockdep.instrument.AgentMain", true, null)
                    .getMethod("start", String.class, Instrumentation.class, String.class)
                    .invoke(null, args, inst, version);
        } catch (InvocationTargetException e) {
            die(e.getCause() instanceof IllegalArgumentException bad ? bad.getMessage()
                    : "jlockdep: could not start the agent: " + e.getCause());
        } catch (Exception | LinkageError e) {
            die("jlockdep: could not start the agent: " + e);
        }
    }

    /** One line and exit status 1: no stack trace, and no program running unchecked. */
    private static void die(String line) {
        System.err.println(line);
        System.err.flush();
        Runtime.getRuntime().halt(1);
    }
}
