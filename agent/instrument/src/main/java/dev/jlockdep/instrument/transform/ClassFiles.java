package dev.jlockdep.instrument.transform;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import net.bytebuddy.jar.asm.ClassReader;

/** Class files read as a class loader finds them, without loading the class. */
public final class ClassFiles {
    private static final int KEPT_BUFFER = 32 * 1024;
    /** The buffer {@link #reader} reads into, when no other reader has it. */
    private static final AtomicReference<byte[]> spare = new AtomicReference<>();

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
     * A reader of the class file of {@code internalName} as {@link #read} finds it, over a buffer it hands
     * to the next caller once it is {@linkplain #release released}: for a caller that copies what it keeps.
     * The class files named at call sites are read for their headers only, thousands of them, and a
     * buffer per file (8 KB at least, and then the copy) would be most of their cost. Null if none is found or it cannot be read.
     */
    public static ClassReader reader(String internalName, ClassLoader loader) {
        byte[] buffer = spare.getAndSet(null);
        if (buffer == null) {
            buffer = new byte[KEPT_BUFFER];
        }
        try (InputStream in = open(internalName, loader)) {
            if (in == null) {
                release(buffer);
                return null;
            }
            int n = 0;
            while (true) {
                int read = in.read(buffer, n, buffer.length - n);
                if (read < 0) {
                    break;
                }
                n += read;
                if (n == buffer.length) {
                    int next = in.read();
                    if (next < 0) {
                        break;
                    }
                    buffer = Arrays.copyOf(buffer, buffer.length * 2);
                    buffer[n++] = (byte) next;
                }
            }
            // ASM reads past the length it is given when a class file is cut short: what it finds there is
            // to be nothing, not the rest of the class file read before into this buffer.
            Arrays.fill(buffer, n, buffer.length, (byte) 0);
            return new ClassReader(buffer, 0, n);
        } catch (IOException | RuntimeException e) {
            release(buffer);
            return null;
        }
    }

    /** Hands the buffer of a reader from {@link #reader} to the next one, unless it grew for a large class file. */
    public static void release(ClassReader reader) {
        release(reader.b);
    }

    private static void release(byte[] buffer) {
        if (buffer.length == KEPT_BUFFER) {
            spare.set(buffer);
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
