package dev.jlockdep.instrument.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the rewrite learns of a class named in bytecode, read from class files (none of these is loaded by it). */
class LockTypesTest {
    /** A lock two classes down from the JDK's. */
    static class TimedLock extends ReentrantLock {
    }

    static class ShortTimedLock extends TimedLock {
    }

    /** A lock interface of the application's own. */
    interface Latchable extends Lock {
    }

    /** A wrapper: no lock itself, one in a field. */
    static class AutoLock {
        private final Lock lock = new ReentrantLock();
    }

    static class GuardedMap {
        private final ReadWriteLock lock = new ReentrantReadWriteLock();
        private static final Lock SHARED = new ReentrantLock();
    }

    /** Its lock is static: instances keep none of their own. */
    static class StaticLockOnly {
        private static final Lock SHARED = new ReentrantLock();
        private final Object[] locks = {new ReentrantLock()};
    }

    static class Gate extends CountDownLatch {
        Gate() {
            super(1);
        }
    }

    static class Worker extends Thread {
    }

    static class Registry extends Hashtable<String, String> {
    }

    static class Plain {
        private final String name = "";
    }

    private final LockTypes types = new LockTypes();
    private final ClassLoader loader = LockTypesTest.class.getClassLoader();

    private static String name(Class<?> c) {
        return c.getName().replace('.', '/');
    }

    @Test
    void locksAndSynchronizersAreLockTypesThroughTheirSupertypes() {
        assertTrue(types.isLockType(name(ShortTimedLock.class), loader));
        assertTrue(types.isLockType("java/util/concurrent/locks/ReentrantReadWriteLock", loader));
        assertTrue(types.isLockType("java/util/concurrent/locks/StampedLock", loader));
        assertTrue(types.isLockType(name(Gate.class), loader));
        assertTrue(types.isLockType(name(Worker.class), loader));
        assertTrue(types.isLockType(name(Registry.class), loader));
        assertTrue(types.isLockType("java/lang/StringBuffer", loader));
    }

    /**
     * Class files are read into one buffer, handed from read to read: an empty or cut-short one read after
     * a lock's is no class at all, not what the buffer held before.
     */
    @Test
    void aClassFileCutShortIsNoneEvenReadAfterAnother(@TempDir Path dir) throws IOException {
        String lock = name(ShortTimedLock.class);
        byte[] whole;
        try (InputStream in = loader.getResourceAsStream(lock + ".class")) {
            whole = in.readAllBytes();
        }
        Files.createDirectories(dir.resolve("p"));
        Files.write(dir.resolve("p/Empty.class"), new byte[0]);
        Files.write(dir.resolve("p/Cut.class"), Arrays.copyOf(whole, 10));
        try (URLClassLoader files = new URLClassLoader(new URL[] {dir.toUri().toURL()}, loader)) {
            for (String cut : new String[] {"p/Empty", "p/Cut"}) {
                LockTypes fresh = new LockTypes();
                assertEquals(name(TimedLock.class), fresh.superclassOf(lock, files), "the class file read just before");
                assertNull(fresh.superclassOf(cut, files), cut);
                assertFalse(fresh.isLockType(cut, files), cut);
            }
        }
    }

    @Test
    void interfacesOtherClassesArraysAndMissingClassesAreNot() {
        assertFalse(types.isLockType(name(Latchable.class), loader));
        assertFalse(types.isLockType("java/util/concurrent/locks/Lock", loader));
        assertFalse(types.isLockType(name(Plain.class), loader));
        assertFalse(types.isLockType("java/lang/Object", loader));
        assertFalse(types.isLockType("[Ljava/util/concurrent/locks/ReentrantLock;", loader));
        assertFalse(types.isLockType("com/example/NotThere", loader));
    }

    @Test
    void isLockCountsInterfacesAndSubclasses() {
        assertTrue(types.isLock(name(Latchable.class), loader));
        assertTrue(types.isLock("java/util/concurrent/locks/Lock", loader));
        assertTrue(types.isLock(name(ShortTimedLock.class), loader));
        assertFalse(types.isLock("java/util/concurrent/locks/ReadWriteLock", loader));
        assertFalse(types.isLock(name(Worker.class), loader));
    }

    @Test
    void onlyTheJdksSynchronizedCollectionsAreMonitorCollections() {
        assertTrue(types.isMonitorCollection("java/util/Vector", loader));
        assertTrue(types.isMonitorCollection("java/util/Stack", loader));
        assertTrue(types.isMonitorCollection("java/util/Properties", loader));
        assertFalse(types.isMonitorCollection("java/util/ArrayList", loader));
        assertFalse(types.isMonitorCollection(name(Registry.class), loader)); // an application's: asked of the JDK's only
    }

    @Test
    void aClassWithALockOrReadWriteLockInAnInstanceFieldKeepsOne() {
        assertTrue(types.keepsALock(name(AutoLock.class), loader));
        assertTrue(types.keepsALock(name(GuardedMap.class), loader));
        assertFalse(types.keepsALock(name(StaticLockOnly.class), loader));
        assertFalse(types.keepsALock(name(Plain.class), loader));
        assertFalse(types.keepsALock(name(TimedLock.class), loader)); // a lock itself (ReentrantLock keeps its Sync)
        assertFalse(types.keepsALock("java/util/concurrent/locks/ReentrantReadWriteLock", loader)); // the JDK's
        assertFalse(types.keepsALock("com/example/NotThere", loader));
    }

    @Test
    void superclassesOfApplicationClassesOnly() {
        assertEquals(name(TimedLock.class), types.superclassOf(name(ShortTimedLock.class), loader));
        assertNull(types.superclassOf(name(TimedLock.class), loader)); // a JDK class
        assertNull(types.superclassOf("java/util/Stack", loader));
        assertNull(types.superclassOf("com/example/NotThere", loader));
    }
}
