package dev.jlockdep.instrument.transform.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.instrument.transform.LockTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.locks.ReentrantLock;
import net.bytebuddy.jar.asm.ClassReader;
import org.junit.jupiter.api.Test;

/** Which classes are lock wrappers, and which of their methods take or release the lock for their callers. */
class WrapperScanTest {
    /** Jetty's {@code AutoLock}, in short: its methods take and release for their callers. */
    static final class AutoLock {
        private final ReentrantLock lock = new ReentrantLock();

        AutoLock lock() {
            lock.lock();
            return this;
        }

        void close() {
            lock.unlock();
        }
    }

    /**
     * Caffeine's {@code BoundedLocalCache}, in short: {@code lock()} takes, but the one method that calls it
     * releases in its finally, and a maintenance step unlocks what its own trylock took. No method releases
     * for its caller: no wrapper.
     */
    static final class Cache {
        private final ReentrantLock evictionLock = new ReentrantLock();

        void lock() {
            evictionLock.lock();
        }

        void afterWrite() {
            lock();
            try {
                drain();
            } finally {
                evictionLock.unlock();
            }
        }

        void scheduleDrain() {
            if (evictionLock.tryLock()) {
                try {
                    drain();
                } finally {
                    evictionLock.unlock();
                }
            }
        }

        void drain() {
        }
    }

    /** A wrapper with methods that use its own primitives, for their callers or not. */
    static final class Guard {
        private final ReentrantLock lock = new ReentrantLock();

        void lock() {
            lock.lock();
        }

        void unlock() {
            lock.unlock();
        }

        void lockAndCount() {
            lock();
            count();
        }

        void locked(Runnable r) {
            lock();
            try {
                r.run();
            } finally {
                unlock();
            }
        }

        void count() {
        }
    }

    /** A wrapper whose primitive is a trylock: it takes for its caller. */
    static final class TryGuard {
        private final ReentrantLock lock = new ReentrantLock();

        boolean enter() {
            return lock.tryLock();
        }

        void exit() {
            lock.unlock();
        }
    }

    private static WrapperScan scan(Class<?> c) throws IOException {
        String file = c.getName().substring(c.getName().lastIndexOf('.') + 1) + ".class"; // WrapperScanTest$Cache.class
        try (InputStream in = c.getResourceAsStream(file)) {
            return WrapperScan.of(new ClassReader(in.readAllBytes()), new LockTypes(), c.getClassLoader());
        }
    }

    @Test
    void aWrappersMethodsTakeAndReleaseForTheirCallers() throws IOException {
        WrapperScan s = scan(AutoLock.class);
        assertTrue(s.isPrimitive("lock", "()L" + AutoLock.class.getName().replace('.', '/') + ";"));
        assertTrue(s.isPrimitive("close", "()V"));
        assertTrue(s.wraps("lock"));
    }

    @Test
    void aMethodReleasesWhatItTookItselfOrThroughItsOwnPrimitive() throws IOException {
        assertSame(WrapperScan.NONE, scan(Cache.class));
    }

    @Test
    void aWrappersMethodThatUsesItsPrimitivesInPairsIsNoPrimitive() throws IOException {
        WrapperScan s = scan(Guard.class);
        assertTrue(s.isPrimitive("lock", "()V"));
        assertTrue(s.isPrimitive("unlock", "()V"));
        assertTrue(s.isPrimitive("lockAndCount", "()V"), "takes through lock() for its caller");
        assertFalse(s.isPrimitive("locked", "(Ljava/lang/Runnable;)V"), "takes and releases through its primitives");
    }

    @Test
    void aTrylockLeftHeldForTheCallerIsAPrimitive() throws IOException {
        WrapperScan s = scan(TryGuard.class);
        assertTrue(s.isPrimitive("enter", "()Z"));
        assertTrue(s.isPrimitive("exit", "()V"));
        assertFalse(s.isPrimitive("<init>", "()V"));
    }
}
