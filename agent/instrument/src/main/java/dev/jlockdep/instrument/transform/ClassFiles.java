package dev.jlockdep.instrument.transform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;

/** Class files read as a class loader finds them, without loading the class. */
public final class ClassFiles {

    private ClassFiles() {
    }

    /**
     * The class file of {@code internalName} as {@code loader} (null: the JDK's own loaders) finds it, or
     * null if it finds none or cannot read it. A class file is never encapsulated by its module, so the
     * platform loader finds every JDK class's.
     */
    public static byte[] read(String internalName, ClassLoader loader) {
        try (InputStream in = open(internalName, loader)) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The header of the class file of {@code internalName} as {@link #read} finds it, read no further than
     * its fields (see {@link ClassFileHeader}); null if none is found or it cannot be read.
     */
    static ClassFileHeader header(String internalName, ClassLoader loader, boolean withFields) {
        try (InputStream in = open(internalName, loader)) {
            return in == null ? null : ClassFileHeader.read(in, withFields);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The class file as {@link #read} finds it, or null. */
    private static InputStream open(String internalName, ClassLoader loader) throws IOException {
        return loader == null ? jdkClassFile(internalName + ".class") : applicationClassFile(internalName, loader);
    }

    /** An application's class file, as {@link #locate} finds it. */
    private static InputStream applicationClassFile(String internalName, ClassLoader loader) throws IOException {
        URL file = locate(internalName, loader);
        return file == null ? null : file.openStream();
    }

    /**
     * Where {@code loader} finds the class file of an application class, or null: a {@code URLClassLoader}'s
     * own first, without asking the JDK's loaders (which look for it in each of their modules) unless it has none.
     */
    public static URL locate(String internalName, ClassLoader loader) {
        String file = internalName + ".class";
        URL own = loader instanceof URLClassLoader urls ? urls.findResource(file) : null;
        return own != null ? own : loader.getResource(file);
    }

    /** Most JDK classes the agent asks about are {@code java.base}'s, read from it directly: faster than a loader's search. */
    private static InputStream jdkClassFile(String file) throws IOException {
        InputStream in = Object.class.getModule().getResourceAsStream(file);
        return in != null ? in : ClassLoader.getPlatformClassLoader().getResourceAsStream(file);
    }
}
