package dev.jlockdep.instrument.boot;

import dev.jlockdep.instrument.hooks.ClinitHooks;
import dev.jlockdep.instrument.hooks.Hook;
import dev.jlockdep.instrument.hooks.Hooks;
import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
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
 * application class loader: one small generated class, {@code java.lang.$JLockdep}, is defined in
 * {@code java.base}, and each of its static methods calls the hook of the same name and descriptor
 * through a {@code static final} method handle, which the JIT treats as a constant and inlines.
 * (Appending the agent jar to the bootstrap search path instead would make every JVM print a CDS
 * warning and lose class-data sharing for application classes.)
 */
public final class BootstrapBridge {
    /** The internal name instrumented code calls. */
    public static final String NAME = "java/lang/$JLockdep";
    /** The bridge's count of static initializers running, read by hooks {@link Hook#onlyWhileInitializing}. */
    static final String INITIALIZING = "initializing";
    /** Where the handles wait for the bridge's static initializer, which takes them out. */
    private static final String HANDOFF = "dev.jlockdep.bridge.handles";

    private BootstrapBridge() {
    }

    /** Defines and initialises the bridge to every {@link Hooks hook}. */
    public static void install(Instrumentation inst) throws ReflectiveOperationException {
        List<Method> hooks = Hooks.all();
        Module javaBase = Object.class.getModule();
        Module agent = BootstrapBridge.class.getModule();
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", Set.of(agent)),
                Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(Object.class, MethodHandles.lookup());
        Class<?> bridge = lookup.defineClass(generate(hooks));
        MethodHandle[] handles = new MethodHandle[hooks.size()];
        for (int i = 0; i < handles.length; i++) {
            handles[i] = MethodHandles.publicLookup().unreflect(hooks.get(i));
        }
        System.getProperties().put(HANDOFF, handles);
        try {
            lookup.ensureInitialized(bridge);
        } finally {
            System.getProperties().remove(HANDOFF);
        }
        ClinitHooks.install(MethodHandles.publicLookup().findStaticVarHandle(bridge, INITIALIZING, int.class));
    }

    private static byte[] generate(List<Method> hooks) {
        ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        cw.visit(Opcodes.V11, Opcodes.ACC_PUBLIC | Opcodes.ACC_FINAL | Opcodes.ACC_SUPER | Opcodes.ACC_SYNTHETIC,
                NAME, null, "java/lang/Object", null);
        String mh = Type.getDescriptor(MethodHandle.class);
        for (int i = 0; i < hooks.size(); i++) {
            cw.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_FINAL, "h" + i, mh, null, null).visitEnd();
        }
        cw.visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, INITIALIZING, "I", null, null).visitEnd();
        MethodVisitor init = cw.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        init.visitCode();
        init.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "getProperties", "()Ljava/util/Properties;", false);
        init.visitLdcInsn(HANDOFF);
        init.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/util/Properties", "get", "(Ljava/lang/Object;)Ljava/lang/Object;",
                false);
        init.visitTypeInsn(Opcodes.CHECKCAST, "[Ljava/lang/invoke/MethodHandle;");
        init.visitVarInsn(Opcodes.ASTORE, 0);
        for (int i = 0; i < hooks.size(); i++) {
            init.visitVarInsn(Opcodes.ALOAD, 0);
            init.visitLdcInsn(i);
            init.visitInsn(Opcodes.AALOAD);
            init.visitFieldInsn(Opcodes.PUTSTATIC, NAME, "h" + i, mh);
        }
        init.visitInsn(Opcodes.RETURN);
        init.visitMaxs(0, 0);
        init.visitEnd();
        for (int i = 0; i < hooks.size(); i++) {
            Method hook = hooks.get(i);
            String desc = Type.getMethodDescriptor(hook);
            MethodVisitor mv = cw.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, hook.getName(), desc, null, null);
            mv.visitCode();
            if (hook.getAnnotation(Hook.class).onlyWhileInitializing()) {
                // A plain read: a hoisted one misses nothing, as a class not initialized yet sends
                // compiled code back to the interpreter at its first use.
                Label call = new Label();
                mv.visitFieldInsn(Opcodes.GETSTATIC, NAME, INITIALIZING, "I");
                mv.visitJumpInsn(Opcodes.IFNE, call);
                mv.visitInsn(Opcodes.RETURN);
                mv.visitLabel(call);
                mv.visitFrame(Opcodes.F_SAME, 0, null, 0, null);
            }
            mv.visitFieldInsn(Opcodes.GETSTATIC, NAME, "h" + i, mh);
            int slot = 0;
            for (Type arg : Type.getArgumentTypes(desc)) {
                mv.visitVarInsn(arg.getOpcode(Opcodes.ILOAD), slot);
                slot += arg.getSize();
            }
            mv.visitMethodInsn(Opcodes.INVOKEVIRTUAL, "java/lang/invoke/MethodHandle", "invokeExact", desc, false);
            mv.visitInsn(Type.getReturnType(desc).getOpcode(Opcodes.IRETURN));
            mv.visitMaxs(0, 0);
            mv.visitEnd();
        }
        cw.visitEnd();
        return cw.toByteArray();
    }
}
