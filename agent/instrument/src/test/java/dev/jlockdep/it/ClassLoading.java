package dev.jlockdep.it;

import java.io.IOException;
import java.io.InputStream;

/**
 * A plugin class loader that consults a registry under its lock while it defines a class, and a thread
 * that holds the registry's lock while a plugin class is loaded: the loader's lock and the registry's in
 * both orders, a deadlock the day the two meet. Argument: explicit (the registry's holder calls
 * loadClass), implicit (it runs plugin code that uses a class not loaded yet: the JVM loads it through
 * the plugin's loader, whose monitor it holds meanwhile), parallel (a parallel-capable loader: its lock
 * for each class name; a plugin class's superclass is loaded inside it), apart (the registry is not held
 * while a class is loaded: nothing to report).
 */
public class ClassLoading {
    static final Object REGISTRY = new Object();
    static int registered;

    /** Defines the plugin classes itself, from the class path's bytes; everything else from the JDK. */
    static class PluginLoader extends ClassLoader {
        PluginLoader() {
            super(null);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = pluginBytes(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** The same, parallel capable: a lock of its own for each class name rather than its monitor. */
    static final class ParallelPluginLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        ParallelPluginLoader() {
            super(null);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes = pluginBytes(name);
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** A plugin class's bytes, once the registry has recorded it. */
    static byte[] pluginBytes(String name) throws ClassNotFoundException {
        if (!name.startsWith(ClassLoading.class.getName() + "$Plugin")) {
            throw new ClassNotFoundException(name);
        }
        synchronized (REGISTRY) {
            registered++;
        }
        try (InputStream in = ClassLoading.class.getClassLoader().getResourceAsStream(name.replace('.', '/') + ".class")) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
    }

    public static class PluginBase {
    }

    public static class PluginA extends PluginBase {
        public static Object make() {
            return new PluginC();
        }
    }

    public static class PluginB extends PluginBase {
    }

    public static class PluginC {
    }

    public static void main(String[] args) throws Exception {
        String variant = args[0];
        ClassLoader loader = variant.equals("parallel") ? new ParallelPluginLoader() : new PluginLoader();
        Class<?> a = loader.loadClass(ClassLoading.class.getName() + "$PluginA"); // the loader's lock, then the registry
        if (variant.equals("apart")) {
            loader.loadClass(ClassLoading.class.getName() + "$PluginB");
        }
        synchronized (REGISTRY) { // the registry, then the loader's lock
            switch (variant) {
                case "explicit", "parallel" -> loader.loadClass(ClassLoading.class.getName() + "$PluginB");
                case "implicit" -> a.getMethod("make").invoke(null);
                case "apart" -> registered++;
                default -> throw new IllegalArgumentException(variant);
            }
        }
        System.out.println("finished");
    }
}
