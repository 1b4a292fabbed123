package dev.jlockdep.instrument;

import dev.jlockdep.core.Validator;
import dev.jlockdep.core.WaitType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;

/** What the public api's methods do when the agent runs (see {@link ApiBridgeVisitor}). */
public final class ApiHooks {
    private static volatile Validator validator;

    private ApiHooks() {
    }

    static void install(Validator v) {
        validator = v;
    }

    /** Whether a public static hook with this name and descriptor exists. */
    static boolean has(String name, String descriptor) {
        return Arrays.stream(ApiHooks.class.getMethods())
                .filter(m -> Modifier.isStatic(m.getModifiers()) && m.getName().equals(name))
                .map(Method::getParameterTypes)
                .anyMatch(p -> net.bytebuddy.jar.asm.Type.getMethodDescriptor(net.bytebuddy.jar.asm.Type.VOID_TYPE,
                        Arrays.stream(p).map(net.bytebuddy.jar.asm.Type::getType)
                                .toArray(net.bytebuddy.jar.asm.Type[]::new)).equals(descriptor));
    }

    public static void setClass(Object lock, String name) {
        Validator v = validator;
        if (v != null && lock != null && name != null) {
            v.name(lock, "name:" + name, name, WaitType.SLEEP);
        }
    }

    public static void nested(Object lock, int subclass) {
        Validator v = validator;
        if (v != null && lock != null) {
            v.nestNext(lock, subclass);
        }
    }
}
