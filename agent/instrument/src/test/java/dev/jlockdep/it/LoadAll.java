package dev.jlockdep.it;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * Loads and links every class of the jars given (they are on the class path too, so the application
 * class loader defines them and the agent instruments them all), without initialising any: asking a
 * class for its declared members makes the JVM link it, which verifies its bytecode (every class,
 * with -Xverify:all). Prints each class that failed with its error, sorted, then one line of totals:
 * "classes N, methods M, failed K".
 */
public class LoadAll {
    public static void main(String[] args) throws IOException {
        ClassLoader loader = ClassLoader.getSystemClassLoader();
        TreeSet<String> failures = new TreeSet<>();
        int classes = 0;
        long methods = 0;
        for (String jar : args) {
            for (String name : classNames(jar)) {
                classes++;
                try {
                    Class<?> c = Class.forName(name, false, loader);
                    methods += c.getDeclaredMethods().length + c.getDeclaredConstructors().length;
                    var unused = c.getDeclaredFields(); // resolves the field types
                } catch (LinkageError | ClassNotFoundException | SecurityException e) {
                    failures.add(name + " " + e.getClass().getName());
                }
            }
        }
        failures.forEach(System.out::println);
        System.out.println("classes " + classes + ", methods " + methods + ", failed " + failures.size());
    }

    /** Whether a jar entry is a class this program loads: not a module or package descriptor, not another release's. */
    public static boolean isClass(String entry) {
        return entry.endsWith(".class") && !entry.startsWith("META-INF/") && !entry.endsWith("module-info.class")
                && !entry.endsWith("package-info.class");
    }

    /** The classes of a jar, but for module and package descriptors and other releases' versions. */
    private static List<String> classNames(String jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (JarFile file = new JarFile(jar)) {
            Enumeration<JarEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                if (isClass(entry)) {
                    names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
                }
            }
        }
        return names;
    }
}
