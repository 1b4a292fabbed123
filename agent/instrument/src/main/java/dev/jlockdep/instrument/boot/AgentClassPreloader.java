package dev.jlockdep.instrument.boot;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * Loads and initialises the agent's own classes, and has their class loader resolve every class they
 * name, before the first virtual thread starts. A virtual thread that loads or links a class is pinned
 * to its carrier meanwhile (the JVM holds its class-loading lock), so if it then blocks on a monitor it
 * cannot unmount ({@code Freeze or preempt failed (2)}): left lazy, the first virtual threads through a
 * slow path did so. Classes of the JDK are only loaded here, never initialised, so none starts earlier
 * than the application would start it.
 *
 * <p>Done by the thread that starts the first virtual thread (before it starts it: none runs yet), not
 * at start-up, where it cost every JVM some 35 ms on 2 cores; a JVM that starts none never does it.
 */
public final class AgentClassPreloader {
    private static final int CONSTANT_CLASS = 7;
    private static final String OWN = "dev/jlockdep/";
    private static final String SHADED = "dev/jlockdep/shaded/";
    /** Flight Recorder's events: loading them loads JFR, which the agent leaves to a recording's start. */
    private static final String JFR = "dev/jlockdep/instrument/jfr/";
    /** Virtual threads came in Java 19, as a preview. */
    private static final int FIRST_WITH_VIRTUAL_THREADS = 19;

    private AgentClassPreloader() {
    }

    /** Whether this JVM has virtual threads, which the preload is for. */
    public static boolean needed() {
        return Runtime.version().feature() >= FIRST_WITH_VIRTUAL_THREADS;
    }

    /** Loads every class, then initialises the agent's own; a jar that cannot be read is left lazy. */
    public static void preload() {
        ClassLoader loader = AgentClassPreloader.class.getClassLoader();
        List<String> own = new ArrayList<>();
        Set<String> named = new TreeSet<>();
        try (JarFile jar = new JarFile(jarOf(AgentClassPreloader.class).toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.startsWith(OWN) && !name.startsWith(SHADED) && !name.startsWith(JFR) && name.endsWith(".class")
                        && !name.endsWith("package-info.class")) {
                    own.add(name.substring(0, name.length() - ".class".length()));
                    try (InputStream in = jar.getInputStream(entry)) {
                        classesNamed(new ClassReader(in.readAllBytes()), named);
                    }
                }
            }
        } catch (IOException e) {
            return;
        }
        for (String name : own) {
            load(name, true, loader);
        }
        for (String name : named) {
            load(name, name.startsWith(OWN), loader);
        }
    }

    /** The agent jar the class was loaded from. */
    private static Path jarOf(Class<?> c) throws IOException {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    /** The class constants of a class file: every class its code uses. */
    private static void classesNamed(ClassReader reader, Set<String> into) {
        char[] buffer = new char[reader.getMaxStringLength()];
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i); // 0 for the second slot of a long or double
            if (offset > 0 && reader.readByte(offset - 1) == CONSTANT_CLASS) {
                into.add(reader.readUTF8(offset, buffer)); // the class constant holds its name's index
            }
        }
    }

    /** A class this JDK lacks (a newer JDK's, used behind a version check) is left to fail where it is used. */
    private static void load(String internalName, boolean initialise, ClassLoader loader) {
        try {
            Class.forName(internalName.replace('/', '.'), initialise, loader);
        } catch (ClassNotFoundException | LinkageError absent) {
            // as without the preload
        }
    }
}
