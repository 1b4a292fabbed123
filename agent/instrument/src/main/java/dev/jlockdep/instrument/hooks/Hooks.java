package dev.jlockdep.instrument.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.jar.asm.AnnotationVisitor;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassVisitor;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Every hook, as the bridge exports them: the {@link Hook} methods of the hook classes. Read from the
 * hook classes' own class files: reflection would parse each method's annotations into proxies, a few
 * milliseconds of every JVM's start-up.
 */
public final class Hooks {
    /** The classes whose {@link Hook} methods rewritten code calls. */
    public static final List<Class<?>> CLASSES = List.of(LockHooks.class, StampedLockHooks.class, MapHooks.class,
            EventHooks.class, TaskHooks.class, ApiHooks.class, ClinitHooks.class);
    private static final String HOOK = Type.getDescriptor(Hook.class);
    private static final int PUBLIC_STATIC = Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC;

    /**
     * A hook method: its class, name and descriptor, {@link Hook#onlyWhileInitializing}, and the name of its
     * {@link Hook#fast} path, or null.
     */
    public record HookMethod(Class<?> owner, String name, String descriptor, boolean onlyWhileInitializing,
                             String fast) {
        /** Name and descriptor, which are the bridge method's. */
        public String signature() {
            return name + descriptor;
        }

        /** The descriptor of its fast path: the same arguments, returning whether it did the hook's work. */
        public String fastDescriptor() {
            return Type.getMethodDescriptor(Type.BOOLEAN_TYPE, Type.getArgumentTypes(descriptor));
        }
    }

    private static final Map<Class<?>, List<HookMethod>> DECLARED = new ConcurrentHashMap<>();

    private Hooks() {
    }

    /**
     * Every hook; two with one name and descriptor would be one bridge method, and are refused, as are a
     * fast path shared by two hooks or named as another hook: each is a method of the bridge's interface.
     */
    public static List<HookMethod> all() {
        List<HookMethod> hooks = new ArrayList<>();
        for (Class<?> c : CLASSES) {
            hooks.addAll(declaredBy(c));
        }
        return unique(hooks);
    }

    static List<HookMethod> unique(List<HookMethod> hooks) {
        Set<String> signatures = new HashSet<>();
        for (HookMethod m : hooks) {
            if (!signatures.add(m.signature()) || m.fast() != null && !signatures.add(m.fast() + m.fastDescriptor())) {
                throw new IllegalStateException("two hooks, or a hook and a fast path, with one signature: " + m);
            }
        }
        return hooks;
    }

    /** The {@link Hook} methods {@code c} declares, each checked to be public and static. */
    static List<HookMethod> declaredBy(Class<?> c) {
        return DECLARED.computeIfAbsent(c, Hooks::read);
    }

    /** Whether the api method {@code name}{@code descriptor} has a hook that stands for it. */
    public static boolean standsForApi(String name, String descriptor) {
        return declaredBy(ApiHooks.class).stream().anyMatch(m -> m.name().equals(name) && m.descriptor().equals(descriptor));
    }

    private static List<HookMethod> read(Class<?> c) {
        List<HookMethod> hooks = new ArrayList<>();
        Set<String> publicStatic = new HashSet<>();
        try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("no class file for " + c.getName());
            }
            new ClassReader(in.readAllBytes()).accept(new ClassVisitor(Opcodes.ASM9) {
                @Override
                public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                                 String[] exceptions) {
                    if ((access & PUBLIC_STATIC) == PUBLIC_STATIC) {
                        publicStatic.add(name + descriptor);
                    }
                    return new MethodVisitor(Opcodes.ASM9) {
                        @Override
                        public AnnotationVisitor visitAnnotation(String annotation, boolean visible) {
                            if (!annotation.equals(HOOK)) {
                                return null;
                            }
                            boolean[] onlyWhileInitializing = {false};
                            String[] fast = {null};
                            return new AnnotationVisitor(Opcodes.ASM9) {
                                @Override
                                public void visit(String key, Object value) {
                                    onlyWhileInitializing[0] |= key.equals("onlyWhileInitializing")
                                            && Boolean.TRUE.equals(value);
                                    if (key.equals("fast") && !"".equals(value)) {
                                        fast[0] = (String) value;
                                    }
                                }

                                @Override
                                public void visitEnd() {
                                    hooks.add(checked(access, new HookMethod(c, name, descriptor,
                                            onlyWhileInitializing[0], fast[0])));
                                }
                            };
                        }
                    };
                }
            }, ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (HookMethod m : hooks) {
            if (m.fast() != null && !publicStatic.contains(m.fast() + m.fastDescriptor())) {
                throw new IllegalStateException("no public static " + m.fast() + m.fastDescriptor() + " for " + m);
            }
        }
        return List.copyOf(hooks);
    }

    private static HookMethod checked(int access, HookMethod m) {
        if ((access & PUBLIC_STATIC) != PUBLIC_STATIC) {
            throw new IllegalStateException("a hook must be public and static: " + m);
        }
        if ((m.onlyWhileInitializing() || m.fast() != null) && Type.getReturnType(m.descriptor()) != Type.VOID_TYPE) {
            throw new IllegalStateException("a hook skipped while no class initializes, or with a fast path, returns nothing: " + m);
        }
        if (m.onlyWhileInitializing() && m.fast() != null) {
            throw new IllegalStateException("a hook has a fast path or runs only while classes initialize: " + m);
        }
        return m;
    }
}
