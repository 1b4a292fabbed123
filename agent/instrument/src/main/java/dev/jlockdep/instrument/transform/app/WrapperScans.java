package dev.jlockdep.instrument.transform.app;

import dev.jlockdep.instrument.transform.ClassFiles;
import dev.jlockdep.instrument.transform.LockTypes;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.ClassReader;

/**
 * The {@link WrapperScan} of each class a rewritten class calls, read from its class file the first time
 * (it may not be loaded yet), so that a call of a wrapper's primitive is known where it is made: the lock
 * operation inside is then recorded at that call without a stack walk.
 */
final class WrapperScans {
    /** How far up a called method's class the declaring wrapper is looked for. */
    private static final int MAX_SUPERCLASSES = 4;

    private final Map<ClassLoader, Map<String, WrapperScan>> byLoader = new WeakHashMap<>();

    /** The scan of a class being rewritten, kept for its callers. */
    void put(ClassLoader loader, String owner, WrapperScan scan) {
        if (loader != null) {
            of(loader).put(owner, scan);
        }
    }

    /**
     * Whether {@code owner}'s method takes or releases a wrapped lock for its caller: declared in
     * {@code owner} or inherited (H2 calls {@code SessionLocal.lock()}, declared in {@code Session}).
     */
    boolean isPrimitive(String owner, String name, String descriptor, ClassLoader loader, LockTypes lockTypes) {
        if (loader == null) {
            return false;
        }
        String c = owner;
        for (int depth = 0; c != null && depth < MAX_SUPERCLASSES; depth++, c = lockTypes.superclassOf(c, loader)) {
            if (isDeclaredPrimitive(c, name, descriptor, loader, lockTypes)) {
                return true;
            }
        }
        return false;
    }

    private boolean isDeclaredPrimitive(String owner, String name, String descriptor, ClassLoader loader,
                                        LockTypes lockTypes) {
        if (!lockTypes.keepsALock(owner, loader)) { // no lock field: no wrapper, nothing read
            return false;
        }
        Map<String, WrapperScan> scans = of(loader);
        WrapperScan scan = scans.get(owner);
        if (scan == null) {
            scan = read(owner, loader, lockTypes);
            scans.putIfAbsent(owner, scan);
        }
        return scan.isPrimitive(name, descriptor);
    }

    private synchronized Map<String, WrapperScan> of(ClassLoader loader) {
        return byLoader.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
    }

    private static WrapperScan read(String owner, ClassLoader loader, LockTypes lockTypes) {
        byte[] file = ClassFiles.read(owner, loader);
        try {
            return file == null ? WrapperScan.NONE : WrapperScan.of(new ClassReader(file), lockTypes, loader);
        } catch (RuntimeException e) {
            return WrapperScan.NONE; // its calls are then found by the stack walk
        }
    }
}
