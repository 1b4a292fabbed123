package dev.jlockdep.instrument.boot;

import dev.jlockdep.instrument.hooks.ClinitHooks;
import dev.jlockdep.instrument.hooks.Hook;
import dev.jlockdep.instrument.hooks.Hooks;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.jar.asm.Label;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Makes the hooks callable from every class, the JDK's own included, while the agent stays in the
 * application class loader: two small generated classes are defined in {@code java.base}, the bridge
 * {@code java.lang.$JLockdep} and an interface, {@code java.lang.$JLockdep$Hooks}, with a method per hook;
 * a third, generated in the agent's loader, implements the interface by calling each hook. Each static
 * method of the bridge calls the interface method of the same name and descriptor on a
 * {@code static final} instance of that one implementation, which the JIT treats as a constant: the call
 * is direct and inlined. The bridge's own methods are never inlined into their callers: instrumented code
 * makes one call per hook, and each hook is compiled once, instead of into every method that locks (on a
 * 2-core machine C2 spent 22 s of a 20 s Derby run compiling, against 13 s without the agent, half the
 * code it inlined the agent's). Two kinds of hook are inlined in part: a hook with a {@link Hook#fast}
 * path (a loop's repeated lock and unlock) has that path inlined and the rest called, and a hook that
 * does nothing once classes are initialized has its test inlined and the rest called. (Method handles
 * instead cost every JVM's start-up a lambda form spun per hook type; appending the agent jar to the bootstrap search path would make every JVM print a CDS warning
 * and lose class-data sharing for application classes.)
 */
public final class BootstrapBridge {
    /** The internal name instrumented code calls. */
    public static final String NAME = "java/lang/$JLockdep";
    /** The interface the bridge calls the hooks through. */
    private static final String HOOKS = NAME + "$Hooks";
    /** The implementation of {@link #HOOKS}, beside this class. */
    private static final String TABLE = "dev/jlockdep/instrument/boot/HookTable";
    /** The bridge's count of static initializers running, read by hooks {@link Hook#onlyWhileInitializing}. */
    static final String INITIALIZING = "initializing";
    /** Where the hooks wait for the bridge's static initializer, which takes them out. */
    private static final String HANDOFF = "dev.jlockdep.bridge.hooks";
    /** The slow half of a hook {@link Hook#onlyWhileInitializing} or with a {@link Hook#fast} path: its name's suffix. */
    private static final String SLOW = "$slow";
    /** The JIT's inlining annotations, honoured in classes of the boot loader, as the bridge is. */
    private static final String DONT_INLINE = "Ljdk/internal/vm/annotation/DontInline;";
    private static final String FORCE_INLINE = "Ljdk/internal/vm/annotation/ForceInline;";

    private BootstrapBridge() {
    }

    /** Defines and initialises the bridge to every {@link Hooks hook}. */
    public static void install(Instrumentation inst) throws ReflectiveOperationException {
        List<Hooks.HookMethod> hooks = Hooks.all();
        Module javaBase = Object.class.getModule();
        Module agent = BootstrapBridge.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(agent)),
                Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Object.class, MethodHandles.lookup());
        lookup.defineClass(hooksInterface(hooks));
        Class<?> table = MethodHandles.lookup().defineClass(table(hooks));
        Class<?> bridge = lookup.defineClass(bridge(hooks));
        System.getProperties().put(HANDOFF, table.getDeclaredConstructor().newInstance());
        try {
            lookup.ensureInitialized(bridge);
        } finally {
            System.getProperties().remove(HANDOFF);
        }
        ClinitHooks.install(MethodHandles.publicLookup().findStaticVarHandle(bridge, INITIALIZING, int.class));
    }

    private static byte[] hooksInterface(List<Hooks.HookMethod> hooks) {
        ClassWriter cw = new ClassWriter(0);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT | Opcodes.ACC_SYNTHETIC,
                HOOKS, null, "java/lang/Object", null);
        for (Hooks.HookMethod hook : hooks) {
            cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, hook.name(), hook.descriptor(), null, null)
                    .visitEnd();
            if (hook.fast() != null) {
                cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_ABSTRACT, hook.fast(), hook.fastDescriptor(), null, null)
                        .visitEnd();
            }
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** Writes a public constructor without arguments that calls {@code superName}'s. */
    public static void defaultConstructor(ClassWriter cw, String superName) {
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "()V", null, null);
        init.visitCode();
        init.visitVarInsn(Opcodes.ALOAD, 0);
        init.visitMethodInsn(Opcodes.INVOKESPECIAL, superName, "<init>", "()V", false);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(1, 1);
        init.visitEnd();
    }

    /** The interface's implementation: each method calls its hook. */
    private static byte[] table(List<Hooks.HookMethod> hooks) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                TABLE, null, "java/lang/Object", new String[] {HOOKS});
        defaultConstructor(cw, "java/lang/Object");
        for (Hooks.HookMethod hook : hooks) {
            callStatic(cw, hook.owner(), hook.name(), hook.descriptor());
            if (hook.fast() != null) {
                callStatic(cw, hook.owner(), hook.fast(), hook.fastDescriptor());
            }
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** A method of the table that calls the static method {@code name} of {@code owner}. */
    private static void callStatic(ClassWriter cw, Class<?> owner, String name, String desc) {
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC, name, desc, null, null);
        mv.visitCode();
        loadArguments(mv, desc, 1);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, Type.getInternalName(owner), name, desc, false);
        mv.visitInsn(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    private static byte[] bridge(List<Hooks.HookMethod> hooks) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                NAME, null, "java/lang/Object", null);
        String hooksType = "L" + HOOKS + ";";
        cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "hooks", hooksType, null, null)
                .visitEnd();
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, INITIALIZING, "I", null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getProperties", "()Ljava/util/Properties;", false);
        init.visitLdcInsn(HANDOFF);
        init.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/Properties", "get", "(Ljava/lang/Object;)Ljava/lang/Object;",
                false);
        init.visitTypeInsn(Opcodes.CHECKCAST, HOOKS);
        init.visitFieldInsn(Opcodes.PUTSTATIC, NAME, "hooks", hooksType);
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        for (Hooks.HookMethod hook : hooks) {
            String desc = hook.descriptor();
            if (hook.onlyWhileInitializing() || hook.fast() != null) {
                testThenSlowHalf(cw, hook);
                dispatch(cw, hook.name() + SLOW, hook.name(), desc, Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, DONT_INLINE);
            } else {
                dispatch(cw, hook.name(), hook.name(), desc, Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, DONT_INLINE);
            }
        }
        cw.visitEnd();
        return cw.toByteArray();
    }

    /** A static method {@code name} that calls the hook {@code hook} through the table. */
    private static void dispatch(ClassWriter cw, String name, String hook, String desc, int access,
            String annotation) {
        MethodVisitor mv = cw.visitMethod(access, name, desc, null, null);
        if (annotation != null) {
            mv.visitAnnotation(annotation, true).visitEnd();
        }
        mv.visitCode();
        mv.visitFieldInsn(Opcodes.GETSTATIC, NAME, "hooks", "L" + HOOKS + ";");
        loadArguments(mv, desc, 0);
        mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, HOOKS, hook, desc, true);
        mv.visitInsn(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN));
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /**
     * A hook split in two: an inlinable test, then a call to its slow half, which the JIT never inlines,
     * unless the test says the work is done.
     * <ul>
     * <li>A hook that does its work only while an initializer runs tests a plain read of the count, and is
     * forced inline. The read's branch profile is one for every use site in the program, taken often while
     * classes start up; were the slow half inlinable, the JIT would copy the whole hook into every compiled
     * use of another class. A hoisted read misses nothing, as a class not initialized yet sends compiled
     * code back to the interpreter at its first use.</li>
     * <li>A hook with a {@link Hook#fast fast path} tests that path, called through the table, which did the
     * hook's work when it returns true.</li>
     * </ul>
     */
    private static void testThenSlowHalf(ClassWriter cw, Hooks.HookMethod hook) {
        String desc = hook.descriptor();
        MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, hook.name(), desc, null, null);
        boolean initializing = hook.onlyWhileInitializing();
        if (initializing) {
            mv.visitAnnotation(FORCE_INLINE, true).visitEnd();
        }
        mv.visitCode();
        Label done = new Label();
        if (initializing) {
            mv.visitFieldInsn(Opcodes.GETSTATIC, NAME, INITIALIZING, "I");
            mv.visitJumpInsn(Opcodes.IFEQ, done);
        } else {
            mv.visitFieldInsn(Opcodes.GETSTATIC, NAME, "hooks", "L" + HOOKS + ";");
            loadArguments(mv, desc, 0);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, HOOKS, hook.fast(), hook.fastDescriptor(), true);
            mv.visitJumpInsn(Opcodes.IFNE, done);
        }
        loadArguments(mv, desc, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, NAME, hook.name() + SLOW, desc, false);
        mv.visitLabel(done);
        mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
    }

    /** Pushes a method's arguments, the first from local {@code slot}. */
    private static void loadArguments(MethodVisitor mv, String desc, int slot) {
        for (Type arg : Type.getArgumentTypes(desc)) {
            mv.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
            slot += arg.getSize();
        }
    }
}
