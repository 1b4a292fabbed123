package dev.jlockdep.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jlockdep.core.model.Frame;
import java.util.ArrayList;
import org.junit.jupiter.api.Test;

/**
 * A lock taken again inside a lock wrapper's primitive (Jetty's {@code AutoLock.lock()}) takes the repeat
 * fast path once the site of that call is known, and is recorded where the full path records it: at the
 * primitive's caller.
 */
class WrapperRepeatTest {
    private final Validator v = Validators.collecting(new ArrayList<>());
    private final SiteRegistry sites = v.sites();
    private final int primitive = site("lib.AutoLock", "lock", 5);
    private final Object lock = new Object();

    private int site(String className, String method, int line) {
        return sites.register(new Site(new Frame(className, method, className + ".java", line), null, null, false));
    }

    /** What the hooks do around a wrapper's primitive called at {@code call}: the fast path, else the full one. */
    private boolean lockAt(int call) {
        v.callingPrimitive(call);
        if (v.acquiredAgain(lock, -primitive, LockMode.EXCLUSIVE)) {
            return true;
        }
        v.acquire(lock, -primitive, LockMode.EXCLUSIVE, 0, false);
        return false;
    }

    private void unlockAt(int call) {
        v.callingPrimitive(call);
        v.release(lock, -primitive, LockMode.EXCLUSIVE);
    }

    @Test
    void aRepeatInsideAWrapperIsRecordedAtThePrimitivesCaller() {
        int call = site("app.Server", "handle", 42);
        HeldLocks t = v.threads.current();
        assertFalse(lockAt(call), "the first time, the full path");
        int atCaller = t.at(0).site;
        assertEquals("handle", sites.get(atCaller).frame().methodName());
        unlockAt(call);
        for (int i = 0; i < 3; i++) {
            assertTrue(lockAt(call), "a repeat, on the fast path");
            assertEquals(0, t.primitiveCall, "the call's site used up, as the full path uses it");
            assertEquals(1, t.depth);
            assertEquals(atCaller, t.at(0).site);
            unlockAt(call);
        }
        assertEquals(0, t.depth);
    }

    @Test
    void aRepeatFromACallNotSeenBeforeTakesTheFullPathAndIsRecordedThere() {
        int call = site("app.Server", "handle", 42);
        int other = site("app.Server", "close", 77);
        assertFalse(lockAt(call));
        unlockAt(call);
        HeldLocks t = v.threads.current();
        assertFalse(lockAt(other), "its site is not known yet");
        assertEquals("close", sites.get(t.at(0).site).frame().methodName());
        unlockAt(other);
        assertTrue(lockAt(other));
        assertEquals("close", sites.get(t.at(0).site).frame().methodName());
        unlockAt(other);
    }
}
