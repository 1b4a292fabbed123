package dev.jlockdep.instrument;

import dev.jlockdep.core.LockMode;
import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import dev.jlockdep.core.model.Report;
import dev.jlockdep.report.TextSplat;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import net.bytebuddy.jar.asm.Type;

/**
 * What the public api's methods do when the agent runs (see {@link ApiBridgeVisitor}): each has the
 * name and descriptor of the api method it stands for.
 */
public final class ApiHooks {
    private static volatile Validator validator;

    private ApiHooks() {
    }

    static void install(Validator v) {
        validator = v;
    }

    /** Whether a public static hook with this name and descriptor exists. */
    static boolean has(String name, String descriptor) {
        return Arrays.stream(ApiHooks.class.getMethods()).anyMatch(m -> Modifier.isStatic(m.getModifiers())
                && m.getName().equals(name) && Type.getMethodDescriptor(m).equals(descriptor));
    }

    public static Object setClass(Object lock, String name) {
        return setClass(lock, name, WaitType.SLEEP.level);
    }

    public static Object setClass(Object lock, String name, int waitType) {
        Validator v = validator;
        if (v != null && lock != null && name != null) {
            try {
                v.name(lock, "name:" + name, name, waitType == WaitType.SPIN.level ? WaitType.SPIN : WaitType.SLEEP);
            } catch (Throwable t) {
                Hooks.fault(t);
            }
        }
        return lock;
    }

    public static void registerMap(Object map, String key, String name) {
        Validator v = validator;
        if (v != null && map != null && key != null && name != null) {
            try {
                v.name(map, "map:" + key, name, WaitType.NONE);
            } catch (Throwable t) {
                Hooks.fault(t);
            }
        }
    }

    public static void assertHeld(Object lock) {
        check(lock, LockMode.ANY, true, "lockdep_assert_held");
    }

    public static void assertHeldRead(Object lock) {
        check(lock, LockMode.READ, true, "lockdep_assert_held_read");
    }

    public static void assertHeldWrite(Object lock) {
        check(lock, LockMode.EXCLUSIVE, true, "lockdep_assert_held_write");
    }

    public static void assertNotHeld(Object lock) {
        check(lock, LockMode.ANY, false, "lockdep_assert_not_held");
    }

    private static void check(Object lock, int mode, boolean wantHeld, String assertion) {
        Validator v = validator;
        if (v != null) {
            try {
                v.assertHeld(lock, mode, wantHeld, assertion);
            } catch (Throwable t) {
                Hooks.fault(t);
            }
        }
    }

    public static void warnOnce(String message) {
        Validator v = validator;
        if (v != null && message != null) {
            try {
                v.warnOnce(message);
            } catch (Throwable t) {
                Hooks.fault(t);
            }
        }
    }

    public static int memallocSet(int bits, int value) {
        Validator v = validator;
        try {
            return v == null ? 0 : v.memallocSet(bits, value);
        } catch (Throwable t) {
            Hooks.fault(t);
            return 0;
        }
    }

    public static int memallocFlags() {
        Validator v = validator;
        try {
            return v == null ? 0 : v.memallocFlags();
        } catch (Throwable t) {
            Hooks.fault(t);
            return 0;
        }
    }

    public static int irqsSet(int off) {
        Validator v = validator;
        try {
            return v == null ? 0 : v.irqsSet(off);
        } catch (Throwable t) {
            Hooks.fault(t);
            return 0;
        }
    }

    public static int irqsOff() {
        Validator v = validator;
        try {
            return v == null ? 0 : v.irqsOff();
        } catch (Throwable t) {
            Hooks.fault(t);
            return 0;
        }
    }

    public static Object nested(Object lock, int subclass) {
        Validator v = validator;
        if (v != null && lock != null) {
            try {
                v.nestNext(lock, subclass);
            } catch (Throwable t) {
                Hooks.fault(t);
            }
        }
        return lock;
    }

    public static boolean isActive() {
        Validator v = validator;
        return v != null && v.enabled();
    }

    public static int reportCount() {
        Validator v = validator;
        return v == null ? 0 : v.reportCount();
    }

    public static String[] reportsSince(int count) {
        Validator v = validator;
        if (v == null) {
            return new String[0];
        }
        v.enterAgent();
        try {
            return v.reportsSince(count).stream().map(TextSplat::render).toArray(String[]::new);
        } catch (Throwable t) {
            Hooks.fault(t);
            return new String[0];
        } finally {
            v.leaveAgent();
        }
    }
}
