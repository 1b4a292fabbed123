package dev.jlockdep.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads every class of the jars given through a class loader of the application's own (not the JDK's
 * application loader, which the agent does not see), without initialising them: the cost of the
 * class-loading locks the agent records, and of instrumenting the classes. Argument 1: "parallel" (a
 * URLClassLoader, parallel capable: a lock per class name) or "serial" (a subclass that is not: the
 * loader's monitor), with "-again" after it to time, then, a million loadClass calls of a class loaded
 * already (five rounds, the last one printed), or "-init" after it to initialize each class as well
 * (its static initializer runs: the agent's class-initialization hooks), or "-allocated" after it to
 * print, then, the bytes this thread allocated (the agent rewrites each class on the thread that loads
 * it: what the rewriting allocates, which the heap grows to absorb); then the jars. Prints the classes
 * loaded and the milliseconds taken.
 */
public final class ClassLoads {
    /** Not registered as parallel capable: ClassLoader.loadClass locks the loader itself. */
    static final class SerialLoader extends URLClassLoader {
        SerialLoader(URL[] urls) {
            super(urls, ClassLoader.getPlatformClassLoader());
        }
    }

    private ClassLoads() {
    }

    public static void main(String[] args) throws Exception {
        List<URL> urls = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            urls.add(Path.of(args[i]).toUri().toURL());
            names.addAll(classNames(args[i]));
        }
        URL[] path = urls.toArray(new URL[0]);
        long start = System.nanoTime();
        int loaded = 0;
        String first = null;
        try (URLClassLoader loader = args[0].startsWith("serial") ? new SerialLoader(path)
                : new URLClassLoader(path, ClassLoader.getPlatformClassLoader())) {
            for (String name : names) {
                try {
                    Class.forName(name, args[0].endsWith("-init"), loader);
                    loaded++;
                    first = first == null ? name : first;
                } catch (LinkageError | ClassNotFoundException | RuntimeException e) {
                    // a class whose optional dependencies are absent (or whose initializer fails without
                    // them): not loaded, as without the agent
                }
            }
            System.out.printf("%s: %d classes loaded of %d in %d ms%n", args[0], loaded, names.size(),
                    (System.nanoTime() - start) / 1_000_000);
            if (args[0].endsWith("-again") && first != null) {
                again(loader, first);
            }
            if (args[0].endsWith("-allocated")) {
                System.out.printf("allocated by this thread: %.1f MB%n", ((com.sun.management.ThreadMXBean)
                        ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes() / 1e6);
            }
        }
    }

    private static void again(ClassLoader loader, String name) throws ClassNotFoundException {
        long nanos = 0;
        for (int round = 0; round < 5; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 1_000_000; i++) {
                loader.loadClass(name);
            }
            nanos = System.nanoTime() - start;
        }
        System.out.printf("loadClass of a class loaded already: %d ns a call%n", nanos / 1_000_000);
    }

    private static List<String> classNames(String jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
                        && !entry.endsWith("package-info.class")) {
                    names.add(entry.substring(0, entry.length() - 6).replace('/', '.'));
                }
            }
        }
        return names;
    }
}
